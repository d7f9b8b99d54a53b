package mutexmap

// The first valid key is registered and the loop ends: the section runs
// at most once per call.
func (s *server) registerFirst(keys []string, valid func(string) bool) bool {
	for _, k := range keys {
		if !valid(k) {
			continue
		}
		s.mu.Lock()
		if _, dup := s.conns[k]; dup {
			s.mu.Unlock()
			return false
		}
		s.conns[k] = 1
		s.mu.Unlock()
		return true
	}
	return false
}

// A break after the section leaves the loop too.
func (s *server) takeOne(keys []string) {
	for _, k := range keys {
		s.mu.Lock()
		s.conns[k]++
		s.mu.Unlock()
		break
	}
}

// A path through the section continues the loop: per item.
func (s *server) addUntilFull(keys []string, max int) {
	for _, k := range keys {
		s.mu.Lock() // want `s.mu is locked once per item in this loop to update map conns; lock it once around the loop$`
		s.conns[k] = 1
		full := len(s.conns) >= max
		s.mu.Unlock()
		if full {
			return
		}
	}
}
