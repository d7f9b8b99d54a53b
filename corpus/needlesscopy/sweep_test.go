package needlesscopy

import "testing"

var sink int64

// BenchmarkThreshold: slow passes by value, fast by pointer; n is the
// size in bytes.
func BenchmarkThreshold(b *testing.B) {
	b.Run("slow/n=64", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byValue64(global64)
		}
	})
	b.Run("fast/n=64", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byPointer64(&global64)
		}
	})
	b.Run("slow/n=128", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byValue128(global128)
		}
	})
	b.Run("fast/n=128", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byPointer128(&global128)
		}
	})
	b.Run("slow/n=256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byValue256(global256)
		}
	})
	b.Run("fast/n=256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byPointer256(&global256)
		}
	})
	b.Run("slow/n=512", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byValue512(global512)
		}
	})
	b.Run("fast/n=512", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byPointer512(&global512)
		}
	})
	b.Run("slow/n=1024", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byValue1024(global1024)
		}
	})
	b.Run("fast/n=1024", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byPointer1024(&global1024)
		}
	})
	b.Run("slow/n=4096", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byValue4096(global4096)
		}
	})
	b.Run("fast/n=4096", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			sink += byPointer4096(&global4096)
		}
	})
}

// BenchmarkEscape: slow passes by value, fast passes a pointer to a
// local that escapes, so that every call allocates: the pointer is not
// always the cheaper side.
func BenchmarkEscape(b *testing.B) {
	b.Run("slow/n=256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := global256
			sink += byValue256(v)
		}
	})
	b.Run("fast/n=256", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := global256
			sink += byEscapingPointer256(&v)
		}
	})
	b.Run("slow/n=1024", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := global1024
			sink += byValue1024(v)
		}
	})
	b.Run("fast/n=1024", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := global1024
			sink += byEscapingPointer1024(&v)
		}
	})
	b.Run("slow/n=4096", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := global4096
			sink += byValue4096(v)
		}
	})
	b.Run("fast/n=4096", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			v := global4096
			sink += byEscapingPointer4096(&v)
		}
	})
}
