package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
)

// setState sets a data source's model into its state. Every data source's
// read ends here.
func setState(ctx context.Context, state *tfsdk.State, m any) diag.Diagnostics {
	return state.Set(ctx, m)
}
