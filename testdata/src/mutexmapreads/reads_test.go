package mutexmapreads

import "testing"

// Tests reach into the maps without the lock and call every method:
// neither makes a map unguarded nor adds entry points.
func TestCache(t *testing.T) {
	c := newCache()
	c.set("a", "b")
	c.items["x"] = "y"
	if _, ok := c.get("a"); !ok {
		t.Fatal("missing")
	}
}

func TestCacheSet(t *testing.T) {
	c := newCache()
	c.set("a", "b")
	c.set("c", "d")
}

func TestAccounts(t *testing.T) {
	a := &accounts{byName: map[string]int{}}
	a.Add("x", 1)
	_ = a.findLocked("x")
}
