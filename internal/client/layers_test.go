package client

import (
	"testing"

	"github.com/sarvamai/terraform-provider-sarvam/internal/layers"
)

// TestLayers holds the package to the order of its files in the package
// comment (doc.go): a file may use the names the files listed after it
// declare, top-level names, methods and fields alike, and never one from a
// file listed before it. Every file must be listed.
func TestLayers(t *testing.T) {
	layers.Test(t, ".")
}
