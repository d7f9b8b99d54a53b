package directives

// Names has a finding that its directive silences: nothing to report.
func Names(xs []int) []int {
	var out []int
	for _, x := range xs {
		//perflint:ignore prealloc the caller passes a handful of items
		out = append(out, x)
	}
	return out
}

// Stale keeps a directive whose finding went away with a rewrite.
func Stale(xs []int) []int {
	out := make([]int, 0, len(xs))
	for _, x := range xs {
		//perflint:ignore prealloc the caller passes a handful of items // want `perflint:ignore directive for prealloc silences no finding; remove it`
		out = append(out, x)
	}
	return out
}

// Typo names an analyzer that does not exist: the finding stays.
func Typo(xs []int) []int {
	var out []int
	for _, x := range xs {
		//perflint:ignore prealoc the caller passes a handful of items // want `unknown analyzer prealoc in perflint:ignore directive; want one of containerlist, directives, falsesharing, mutexmap, needlesscopy, prealloc, stringconcat`
		out = append(out, x)
	}
	return out
}

// Two names one analyzer that silences a finding and one that does not.
func Two(xs []int) []int {
	var out []int
	for _, x := range xs {
		out = append(out, x) //perflint:ignore prealloc,stringconcat measured: cold path // want `perflint:ignore directive for stringconcat silences no finding; remove it`
	}
	return out
}
