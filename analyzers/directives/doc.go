// Package directives defines an Analyzer that checks perflint's ignore
// directives.
//
// # Analyzer directives
//
// report //perflint:ignore directives that name no analyzer or silence nothing
//
// A //perflint:ignore NAME reason comment silences analyzer NAME on its
// own line and on the line below it; //perflint:file-ignore NAME reason
// silences it in the whole file. NAME may list several analyzers,
// separated by commas, and the reason is required: a directive without
// one is reported by the analyzer it names.
//
// A directive whose name is misspelt silences nothing, and one left
// behind after the code it excused changed would hide the next finding
// that appears there. This analyzer reports both: a directive that names
// no perflint analyzer, and one for an analyzer that ran on the package
// but found nothing for the directive to silence, as staticcheck
// reports a //lint:ignore that matched nothing. Remove the directive, or
// correct the name.
//
// A directive for an analyzer that did not run (turned off by a flag or
// by perflint.toml) is not reported, nor one in a file whose findings
// are not reported: a _test.go file without -testfiles, a generated
// file, a file that perflint.toml skips.
package directives
