package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// The campaigns of sarvam_campaigns are written into state as tftypes
// values built here rather than by the framework's reflection over a slice
// of models, which took most of the provider's CPU and memory on a list of
// thousands (PERFORMANCE.md). Each item is mapped to its model, which puts
// its own values (state.go), the summary attributes as a campaign of
// sarvam_campaign puts them. campaignListValues must write exactly what
// reflection over campaignListItemModel would;
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
		attrs, err := campaignListItemValues(&items[i], itemType)
		if err != nil {
			return tftypes.Value{}, tftypes.Value{}, fmt.Errorf("campaigns[%d].%w", i, err)
		}
		elems[i] = tftypes.NewValue(itemType, attrs)
		idElems[i] = attrs["campaign_id"]
	}
	return tftypes.NewValue(listType, elems), tftypes.NewValue(tftypes.List{ElementType: tftypes.String}, idElems), nil
}

// campaignListItemValues is one campaign of the list: its id and the
// summary attributes, which a campaign of sarvam_campaign puts the same way
// (putSummary). An error names the field.
func campaignListItemValues(s *client.CampaignSummary, itemType tftypes.Object) (map[string]tftypes.Value, error) {
	var m campaignListItemModel
	if err := m.fromAPI(s); err != nil {
		return nil, err
	}
	return attrsOf(context.Background(), itemType, &m)
}

// fromAPI maps one listed campaign to its model.
func (m *campaignListItemModel) fromAPI(s *client.CampaignSummary) error {
	m.CampaignID = types.StringPointerValue(s.CampaignID)
	return m.campaignSummaryModel.fromAPI(s)
}

func (m *campaignListItemModel) attrValues(a *stateAttrs) {
	a.str("campaign_id", m.CampaignID)
	m.putSummary(a)
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
