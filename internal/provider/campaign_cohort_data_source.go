package provider

import (
	"context"
	"fmt"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// sarvam_campaign_cohort reads one cohort of a campaign (Get Cohort), by id
// or by name.

func newCampaignCohortDataSource() datasource.DataSource {
	return newSingleDataSource[campaignCohortModel, *campaignCohortModel, client.Cohort]("campaign_cohort", campaignCohortSchemaOnce(), idOrName("cohort_id"))
}

// about names the cohort a read asks for, by its id and its campaign's.
func (m *campaignCohortModel) about() target {
	return target{kind: "cohort", idAttr: "cohort_id", check: "cohort_id and campaign_id (the API answers 404 when either does not exist)", scope: m.scopeModel,
		asked: fmt.Sprintf("cohort %q of campaign %q %s", m.CohortID.ValueString(), m.CampaignID.ValueString(), m.where())}
}

// get reads the cohort (Get Cohort).
func (m *campaignCohortModel) get(ctx context.Context, c *client.Client) (*client.Cohort, error) {
	return c.GetCohort(ctx, m.org(), m.workspace(), m.CampaignID.ValueString(), m.CohortID.ValueString())
}

// cohortNaming is how a listed cohort is named.
var cohortNaming = naming[client.Cohort]{kind: "cohort", kinds: "cohorts", idAttr: "cohort_id",
	name: func(c *client.Cohort) *string { return c.Name }, id: func(c *client.Cohort) *string { return c.CohortID },
	note: func(c *client.Cohort) string { return fmt.Sprintf("status %q", deref(c.Status)) }}

// campaignCohortSchemaOnce is the schema, built once: the framework makes a
// new data source for every call it serves, and building the schema each
// time was a share of a read's CPU (PERFORMANCE.md).
var campaignCohortSchemaOnce = sync.OnceValue(campaignCohortSchema)

func campaignCohortSchema() schema.Schema {
	attrs := cohortAttributes()
	attrs["campaign_id"] = requiredID("ID of the campaign the cohort belongs to.")
	s := cohortNaming.schema("Reads one cohort, a contact list uploaded to a campaign (Get Cohort), by id or by name: its processing status and how many records were accepted or rejected. "+
		"The cohort's contacts themselves are personal data and are never read.",
		"ID of the cohort to read. Set exactly one of `cohort_id` and `name`.", "of the campaign `campaign_id`", "the campaign belongs to", attrs)
	s.Description = "one cohort (contact list) of a campaign, by `cohort_id` or exact `name`"
	return s
}

// A cohort is a contact list uploaded to a campaign. sarvam_campaign_cohort
// reads one and sarvam_campaign_cohorts lists them; both use the attributes,
// model and mapping of one cohort here.

type campaignCohortModel struct {
	scopeModel
	CampaignID types.String `tfsdk:"campaign_id"`
	cohortModel
}

type cohortModel struct {
	Name       types.String       `tfsdk:"name"`
	CohortID   types.String       `tfsdk:"cohort_id"`
	Status     types.String       `tfsdk:"status"`
	SourceType types.String       `tfsdk:"source_type"`
	CreatedBy  types.String       `tfsdk:"created_by"`
	CreatedAt  timetypes.RFC3339  `tfsdk:"created_at"`
	UpdatedAt  timetypes.RFC3339  `tfsdk:"updated_at"`
	Result     *cohortResultModel `tfsdk:"result"`
	UpdatedBy  types.String       `tfsdk:"updated_by"`
}

type cohortResultModel struct {
	TotalRecords    types.Int64 `tfsdk:"total_records"`
	ValidRecords    types.Int64 `tfsdk:"valid_records"`
	RejectedRecords types.Int64 `tfsdk:"rejected_records"`
}

// cohortAttributes are the attributes of one cohort but cohort_id, which
// each schema declares as it needs.
func cohortAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"name":        computedString("Name of the cohort."),
		"status":      computedString("Processing status of the uploaded contacts. Known values: `processing`, `completed`, `failed`; others pass through unchanged."),
		"source_type": computedString("How the cohort was uploaded, as the API names it."),
		"created_by":  computedString("User who created the cohort."),
		"created_at":  computedTimestamp("When the cohort was created."),
		"updated_at":  computedTimestamp("When the cohort was last updated."),
		"result": computedObject("Counts of the processed records. Null while the API reports none (a cohort still `processing`, for example).", map[string]schema.Attribute{
			"total_records":    computedInt64("Records in the upload."),
			"valid_records":    computedInt64("Records accepted."),
			"rejected_records": computedInt64("Records rejected."),
		}),
		"updated_by": computedString("User who last updated the cohort. Null when the API returns none."),
	}
}

func (m *cohortModel) fromAPI(c *client.Cohort) error {
	*m = cohortModel{
		Name:       types.StringPointerValue(c.Name),
		CohortID:   types.StringPointerValue(c.CohortID),
		Status:     types.StringPointerValue(c.Status),
		SourceType: types.StringPointerValue(c.SourceType),
		CreatedBy:  types.StringPointerValue(c.CreatedBy),
		UpdatedBy:  types.StringPointerValue(c.UpdatedBy),
	}
	var err error
	if m.CreatedAt, m.UpdatedAt, err = createdUpdated(c.CreatedAt, c.UpdatedAt); err != nil {
		return err
	}
	if r := c.Result; r != nil {
		m.Result = &cohortResultModel{
			TotalRecords:    types.Int64PointerValue(r.TotalRecords),
			ValidRecords:    types.Int64PointerValue(r.ValidRecords),
			RejectedRecords: types.Int64PointerValue(r.RejectedRecords),
		}
	}
	return nil
}
