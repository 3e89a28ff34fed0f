package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// The campaigns of sarvam_campaigns are written into state as tftypes
// values built here rather than by the framework's reflection over a slice
// of models, which took most of the provider's CPU and memory on a list of
// thousands (PERFORMANCE.md). campaignListValues must write exactly
// what reflection over campaignListItemModel would;
// TestCampaignListValuesMatchReflection holds it to that.

// campaignListValues is the campaigns attribute, of type listType, and the
// ids attribute for items. An error names the item and field, as in
// campaigns[3].created_at.
func campaignListValues(items []client.CampaignSummary, listType tftypes.List) (campaigns, ids tftypes.Value, err error) {
	itemType, ok := listType.ElementType.(tftypes.Object)
	if !ok {
		return tftypes.Value{}, tftypes.Value{}, fmt.Errorf("campaigns is a list of %s, not of objects", listType.ElementType)
	}
	elems := make([]tftypes.Value, len(items))
	idElems := make([]tftypes.Value, len(items))
	for i := range items {
		attrs, err := campaignListItemValues(&items[i])
		if err != nil {
			return tftypes.Value{}, tftypes.Value{}, fmt.Errorf("campaigns[%d].%w", i, err)
		}
		elems[i] = tftypes.NewValue(itemType, attrs)
		idElems[i] = attrs["campaign_id"]
	}
	return tftypes.NewValue(listType, elems), tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, idElems), nil
}

// campaignListItemValues is one campaign of the list: its id and the
// summary attributes, mapped as campaignSummaryModel.fromAPI maps them.
func campaignListItemValues(s *client.CampaignSummary) (map[string]tftypes.Value, error) {
	created, err := timestampValue("created_at", s.CreatedAt)
	if err != nil {
		return nil, err
	}
	updated, err := timestampValue("updated_at", s.UpdatedAt)
	if err != nil {
		return nil, err
	}
	return map[string]tftypes.Value{
		"campaign_id": stringValue(s.CampaignID),
		"name":        stringValue(s.Name),
		"status":      stringValue(s.Status),
		"app_id":      stringValue(s.AppID),
		"created_by":  stringValue(s.CreatedBy),
		"created_at":  created,
		"updated_at":  updated,
		"description": stringValue(s.Description),
		"app_type":    stringValue(s.AppType),
		"app_version": int64Value(s.AppVersion),
		"updated_by":  stringValue(s.UpdatedBy),
	}, nil
}

// timestampValue is timestamp's checked and normalised value as a string.
func timestampValue(field string, v *string) (tftypes.Value, error) {
	s, err := normalTimestamp(field, v)
	return stringValue(s), err
}

// stringValue passes the pointer itself: tftypes copies the string it
// points at, where a string passed as is would be copied twice.
func stringValue(p *string) tftypes.Value {
	return tftypes.NewValue(tftypes.String, p)
}

func int64Value(p *int64) tftypes.Value {
	if p == nil {
		return tftypes.NewValue(tftypes.Number, nil)
	}
	return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(*p))
}

// campaignListType is the state type of campaigns, from the attributes its
// schema has.
var campaignListType = tftypes.List{ElementType: objectType(campaignListItemAttributes()).TerraformType(context.Background())}

// setAttributes replaces top-level attributes of a state already set with
// values built directly.
func setAttributes(state *tfsdk.State, values map[string]tftypes.Value) error {
	if state.Raw.IsNull() || !state.Raw.IsKnown() {
		return errors.New("the state must be set before attributes are replaced in it")
	}
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		return err
	}
	maps.Copy(attrs, values)
	if err := tftypes.ValidateValue(state.Raw.Type(), attrs); err != nil {
		return err
	}
	state.Raw = tftypes.NewValue(state.Raw.Type(), attrs)
	return nil
}

// stateError reports a list that was read and mapped but could not be
// written into state, which only a fault of the provider can cause.
func stateError(diags *diag.Diagnostics, err error, t target) {
	diags.AddError(kindSummary(t.kind, func(k kindSummaries) string { return k.store }),
		fmt.Sprintf("Reading %s succeeded, but the result could not be written into Terraform's state: %s. Nothing was stored. This is a fault of the provider; please report it.", t.asked, err))
}
