package provider

import (
	"context"
	"fmt"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = nextCallingWindowFunction{}

func newNextCallingWindowFunction() function.Function {
	return nextCallingWindowFunction{days: nextWindowDays}
}

// nextCallingWindowFunction is provider::sarvam::next_calling_window.
type nextCallingWindowFunction struct {
	// days is how far ahead a window is looked for.
	days int
}

var windowAttrTypes = map[string]attr.Type{
	"opens_at":  types.StringType,
	"closes_at": types.StringType,
}

func (nextCallingWindowFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "next_calling_window"
}

func (nextCallingWindowFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:     "The calling window that contains a given time, or else the next one to open",
		Description: "the calling window that contains a time, or else the next one, as `{ opens_at, closes_at }`",
		MarkdownDescription: "Returns an object `{ opens_at, closes_at }`: the calling window of `schedule` that contains `at`, or else the next one to open. " +
			"Both are RFC 3339 timestamps with the schedule's UTC offset at that instant, such as `2025-03-10T09:30:00+05:30` " +
			"(a zero offset is written `Z`). The window contains `at` exactly when `opens_at` <= `at`. " +
			"One day in `allowed_days` is enough for a window to be found: the next one opens within 8 days, or 15 when a daylight-saving gap leaves that day without a window.\n\n" +
			windowRules,
		Parameters: []function.Parameter{scheduleParameter(), atParameter()},
		Return:     function.ObjectReturn{AttributeTypes: windowAttrTypes},
	}
}

func (f nextCallingWindowFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	s, at, known, ferr := readScheduleArgs(ctx, req.Arguments, messageUnevaluableNextWindow)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if !known {
		resp.Error = resp.Result.Set(ctx, types.ObjectUnknown(windowAttrTypes))
		return
	}
	w, _, found := s.find(at, f.days)
	if !found {
		// Only when every window in that time lies in daylight-saving gaps.
		resp.Error = function.NewFuncError(fmt.Sprintf(messageNoWindow, f.days, at.Format(time.RFC3339)))
		return
	}
	obj, diags := types.ObjectValue(windowAttrTypes, map[string]attr.Value{
		"opens_at":  types.StringValue(w.opens.Format(time.RFC3339)),
		"closes_at": types.StringValue(w.closes.Format(time.RFC3339)),
	})
	if diags.HasError() {
		resp.Error = function.FuncErrorFromDiags(ctx, diags)
		return
	}
	resp.Error = resp.Result.Set(ctx, obj)
}
