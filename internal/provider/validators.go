package provider

import (
	"context"
	"errors"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

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
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error()+".")
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
		resp.Diagnostics.AddError("Invalid base_url", err.Error()+".")
		return
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid base_url", err.Error()+".")
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
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid "+req.Path.String(), err.Error()+".")
	}
}
