package needlesscopy

func helperInTest(r record) int64 { return r.id }
