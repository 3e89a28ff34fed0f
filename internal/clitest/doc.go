// Package clitest runs the Terraform examples under examples/ through a real
// Terraform or OpenTofu CLI, with the provider built from this module through
// dev_overrides and the fake API served by cmd/sarvam-fakeapi: the
// campaign-gate module's `terraform test` files and the guides' snippets;
// and it checks the trace log of the built provider under TF_LOG=trace.
//
// The CLI is SARVAM_TEST_CLI (a path or a command name), else
// TF_ACC_TERRAFORM_PATH, as for the provider's own tests, else terraform on
// PATH. A test the CLI's version cannot run is skipped with the reason:
// `terraform test` needs Terraform 1.6 or OpenTofu 1.6, mock_provider
// Terraform 1.7 or OpenTofu 1.8, provider functions Terraform 1.8 or
// OpenTofu 1.7.
//
// Its code outside the tests, cli.go, is what every test of the module that runs
// a CLI shares: FindCLI finds the CLI and reads its version, Env is the
// environment to run it in, and WriteDevOverrides writes the CLI
// configuration that installs a provider from a local build, which the
// scripts write through scripts/devoverrides.
package clitest
