package provider

import (
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/layers"
)

// TestLayers fails when a file of the package uses what a file of a higher
// layer declares, a top-level name, a method or a field, such as data
// source plumbing calling into a data source's file, or when a file is in
// no layer. The layers are the list in the package comment (doc.go).
func TestLayers(t *testing.T) {
	layers.Test(t, ".")
}
