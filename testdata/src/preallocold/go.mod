module preallocold

go 1.20
