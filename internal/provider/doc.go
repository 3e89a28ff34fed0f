// Package provider is the Terraform provider: its configuration, data
// sources, models and the mapping from API types to Terraform values.
//
// Its files read from the top down, in layers. Each uses only what its own
// layer and the layers below it declare, never a name from a layer above
// (layers_test.go reads this list and holds the package to it):
//
//   - provider.go, configure.go: the provider: its schema and configuration
//     (this file sits with them).
//   - function_*.go, calling_window.go: the functions: the provider
//     functions, and the parsing of the calling schedule they read.
//   - *_data_source.go, *_ephemeral_resource.go: the data sources: one file
//     per data source or ephemeral resource, holding its schema, model and
//     mapping.
//   - datasource*.go, byname.go, state.go: the data source plumbing: what
//     every data source shares, its Metadata, Configure and Read, scope,
//     errors, lookups by name and state writing.
//   - model_helpers.go, schema_helpers.go, validators.go, diagnostics.go,
//     log_levels.go, settings.go: the helpers: building blocks with no
//     knowledge of a data source.
//
// The schema of each data source and ephemeral resource, and the definition
// of each function, has a plain Description: the phrase, with no final stop,
// that README.md and the provider's page docs/index.md list it with. make
// generate writes those lists from it (scripts/docsindex). The framework
// sends Terraform the MarkdownDescription in its place, so the phrase
// appears nowhere else.
package provider
