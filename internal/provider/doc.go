// Package provider is the Terraform provider: its configuration, data
// sources, models and the mapping from API types to Terraform values.
//
// Its files are in layers, top to bottom; a file uses only what its own
// layer and the layers below it declare (layers_test.go checks it):
//
//   - provider: the provider's schema and configuration (provider.go,
//     configure.go, and this file);
//   - functions: the provider functions (function_*.go) and the parsing
//     of the calling schedule they read (calling_window.go);
//   - data sources: one file per data source or ephemeral resource
//     (*_data_source.go, *_ephemeral_resource.go), holding its schema,
//     model and mapping;
//   - data source plumbing: what every data source shares, its Metadata,
//     Configure and Read, scope, errors, lookups by name and state writing
//     (datasource*.go, byname.go, state.go);
//   - helpers: building blocks with no knowledge of a data source
//     (model_helpers.go, schema_helpers.go, validators.go, diagnostics.go,
//     log_levels.go, settings.go).
//
// The schema of each data source and ephemeral resource, and the definition
// of each function, has a plain Description: the phrase, with no final stop,
// that README.md and the provider's page docs/index.md list it with. make
// generate writes those lists from it (scripts/docsindex). The framework
// sends Terraform the MarkdownDescription in its place, so the phrase
// appears nowhere else.
package provider
