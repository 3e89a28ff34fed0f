package fakeapi

import (
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/layers"
)

// TestLayers holds the package to the layers its package comment (doc.go)
// lists: a file may use what the files of its own layer and the layers
// below declare, top-level names, methods and fields alike, and never a
// name from a layer above. Every file must be in a layer.
func TestLayers(t *testing.T) {
	layers.Test(t, ".")
}
