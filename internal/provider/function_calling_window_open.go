package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

var _ function.Function = callingWindowOpenFunction{}

func newCallingWindowOpenFunction() function.Function { return callingWindowOpenFunction{} }

// callingWindowOpenFunction is provider::sarvam::calling_window_open.
type callingWindowOpenFunction struct{}

func (callingWindowOpenFunction) Metadata(_ context.Context, _ function.MetadataRequest, resp *function.MetadataResponse) {
	resp.Name = "calling_window_open"
}

func (callingWindowOpenFunction) Definition(_ context.Context, _ function.DefinitionRequest, resp *function.DefinitionResponse) {
	resp.Definition = function.Definition{
		Summary:     "Whether a campaign's calling window is open at a given time",
		Description: "whether a time is inside a campaign's calling window (`allowed_schedule`)",
		MarkdownDescription: "Returns `true` when `at` falls inside a calling window of `schedule`, such as a campaign's `allowed_schedule`: " +
			"use it to hold back a change, such as redeploying the webhook receiver or rotating caller numbers, while the campaign may be placing calls.\n\n" +
			windowRules,
		Parameters: []function.Parameter{scheduleParameter(), atParameter()},
		Return:     function.BoolReturn{},
	}
}

func (callingWindowOpenFunction) Run(ctx context.Context, req function.RunRequest, resp *function.RunResponse) {
	s, at, known, ferr := readScheduleArgs(ctx, req.Arguments, messageUnevaluableWindowOpen)
	if ferr != nil {
		resp.Error = ferr
		return
	}
	if !known {
		resp.Error = resp.Result.Set(ctx, types.BoolUnknown())
		return
	}
	// Not found means no window near at, so at is in none.
	_, inside, _ := s.find(at, nextWindowDays)
	resp.Error = resp.Result.Set(ctx, inside)
}
