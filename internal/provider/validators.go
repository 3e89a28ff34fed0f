package provider

import (
	"context"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// Each validator skips null and unknown values: a value that comes from
// another resource is only checked once it is known.

// idValidator refuses an ID that cannot be sent as one path segment.
type idValidator struct{}

func (idValidator) Description(context.Context) string {
	return "must be non-empty, without leading or trailing white space or control characters, and not \".\" or \"..\""
}

func (v idValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (idValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if err := client.CheckID(req.Path.String(), req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summaryAbout(summaryInvalid, req.Path.String()), err.Error()+".")
	}
}

// baseURLValidator applies the https rule at validation time.
type baseURLValidator struct{}

func (baseURLValidator) Description(context.Context) string {
	return "must be an https URL, or http to a loopback host, with no credentials, query or fragment"
}

func (v baseURLValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (baseURLValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	_, err := client.ParseBaseURL(req.ConfigValue.ValueString())
	if err == nil {
		return
	}
	if errors.Is(err, client.ErrBaseURLCredentials) || strings.Contains(req.ConfigValue.ValueString(), "@") {
		// Without an attribute path Terraform does not quote the
		// configuration line, which may hold a password (even in a URL
		// too malformed to parse).
		resp.Diagnostics.AddError(summaryAbout(summaryInvalid, req.Path.String()), err.Error()+".")
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, summaryAbout(summaryInvalid, req.Path.String()), err.Error()+".")
}

// durationValidator requires a positive Go duration.
type durationValidator struct{}

func (durationValidator) Description(context.Context) string {
	return "must be a positive duration such as \"30s\" or \"2m\""
}

func (v durationValidator) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (durationValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, err := parseTimeout(req.ConfigValue.ValueString()); err != nil {
		resp.Diagnostics.AddAttributeError(req.Path, summaryAbout(summaryInvalid, req.Path.String()), err.Error()+".")
	}
}

// wholeNumberValidator requires a whole number within [min, max] (no max
// when max is 0). Counts are Number attributes with this validator rather
// than Int64 attributes: Terraform would refuse 2.5 for an Int64 with a
// conversion error meant for provider developers, and this says it plainly.
type wholeNumberValidator struct{ min, max int64 }

func (v wholeNumberValidator) Description(context.Context) string {
	if v.max == 0 {
		return fmt.Sprintf("must be a whole number, %d or more", v.min)
	}
	return fmt.Sprintf("must be a whole number from %d to %d", v.min, v.max)
}

func (v wholeNumberValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v wholeNumberValidator) ValidateNumber(ctx context.Context, req validator.NumberRequest, resp *validator.NumberResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	if _, ok := wholeNumber(req.ConfigValue, v.min, v.max); !ok {
		resp.Diagnostics.AddAttributeError(req.Path, summaryAbout(summaryInvalid, req.Path.String()),
			fmt.Sprintf("%s %s, got %s.", req.Path, v.Description(ctx), req.ConfigValue.ValueBigFloat().Text('g', -1)))
	}
}

// wholeNumber returns n as an int64 when it is a whole number in range.
func wholeNumber(n types.Number, minimum, maximum int64) (int64, bool) {
	f := n.ValueBigFloat()
	if f == nil || !f.IsInt() {
		return 0, false
	}
	i, acc := f.Int64()
	if acc != big.Exact || i < minimum || (maximum != 0 && i > maximum) {
		return 0, false
	}
	return i, true
}

// parseTimeout reads request_timeout: a positive Go duration.
func parseTimeout(raw string) (time.Duration, error) {
	d, err := time.ParseDuration(strings.TrimSpace(raw))
	if err != nil {
		return 0, fmt.Errorf("%q is not a duration; use a number with a unit, such as \"30s\" or \"2m\"", raw)
	}
	if d <= 0 {
		return 0, fmt.Errorf("%q must be greater than zero", raw)
	}
	return d, nil
}

// exactlyOneOfValidator refuses a configuration that sets none, or more than
// one, of the top-level attributes it names. It reports what the framework's
// datasourcevalidator.ExactlyOneOf reports, in the same words
// (TestExactlyOneOfReportsAsTheFrameworks), but reads the attributes from
// the configuration's value itself, where the framework's walks path
// expressions through the schema: a share of every read's CPU
// (PERFORMANCE.md). An unknown value may turn out null or set, so it
// refuses no configuration with one, unless two are set already.
type exactlyOneOfValidator []string

func (v exactlyOneOfValidator) Description(context.Context) string {
	return "Exactly one of these attributes must be configured: [" + strings.Join(v, ",") + "]"
}

func (v exactlyOneOfValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (v exactlyOneOfValidator) ValidateDataSource(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.validate(ctx, req.Config.Raw)...)
}

func (v exactlyOneOfValidator) ValidateEphemeralResource(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	resp.Diagnostics.Append(v.validate(ctx, req.Config.Raw)...)
}

func (v exactlyOneOfValidator) validate(ctx context.Context, config tftypes.Value) diag.Diagnostics {
	var diags diag.Diagnostics
	var attrs map[string]tftypes.Value
	if err := config.As(&attrs); err != nil {
		diags.AddError(summaryInternalError, fmt.Sprintf("The configuration is not an object: %s. This is a fault of the provider; please report it.", err))
		return diags
	}
	var configured []string
	unknown := false
	for _, name := range v {
		switch value, ok := attrs[name]; {
		case !ok:
			diags.AddError(summaryInternalError, fmt.Sprintf("The schema has no attribute %q. This is a fault of the provider; please report it.", name))
			return diags
		case !value.IsKnown():
			unknown = true
		case !value.IsNull():
			configured = append(configured, name)
		}
	}
	switch {
	case len(configured) > 1:
		diags.AddAttributeError(path.Root(configured[0]), summaryInvalidAttributeCombination, v.Description(ctx))
	case len(configured) == 0 && !unknown:
		diags.AddError(summaryMissingAttributeConfiguration, v.Description(ctx))
	}
	return diags
}
