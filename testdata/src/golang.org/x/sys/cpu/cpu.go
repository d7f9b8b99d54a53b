// Package cpu is a stub of golang.org/x/sys/cpu for fixtures.
package cpu

// CacheLinePad is 64 bytes on amd64, as in the real package.
type CacheLinePad struct{ _ [64]byte }
