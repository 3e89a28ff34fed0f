package provider

import (
	"context"
	"fmt"
	"maps"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// listModel is embedded in the model of every list data source.
type listModel struct {
	Search     types.String `tfsdk:"search"`
	SortBy     types.String `tfsdk:"sort_by"`
	SortOrder  types.String `tfsdk:"sort_order"`
	MaxResults types.Number `tfsdk:"max_results"`
	Total      types.Int64  `tfsdk:"total"`
}

func (l *listModel) listArgs() *listModel { return l }

// clientQuery is what the list arguments ask the API for. An unset sort stays
// empty here: the client applies its defaults, and record shows them.
func (l *listModel) clientQuery() client.ListQuery {
	q := client.ListQuery{Search: l.Search.ValueString(), SortBy: l.SortBy.ValueString(), SortOrder: l.SortOrder.ValueString()}
	if !l.MaxResults.IsNull() {
		n, _ := wholeNumber(l.MaxResults, 1, 0) // the validator has refused anything else
		q.MaxResults = int(n)
	}
	return q
}

// record sets what a read learned beyond the items: the sort that was sent,
// so that state shows the order of the list, and the total the API reported.
func (l *listModel) record(q client.ListQuery, total *int64) {
	by, order := q.Sort()
	l.SortBy, l.SortOrder = types.StringValue(by), types.StringValue(order)
	l.Total = types.Int64PointerValue(total)
}

// withListArguments returns attrs with the arguments every list data source
// takes and its total added. noun names what is listed, such as "campaigns".
func withListArguments(noun string, attrs map[string]schema.Attribute) map[string]schema.Attribute {
	attrs = maps.Clone(attrs)
	attrs["search"] = schema.StringAttribute{
		Optional:            true,
		MarkdownDescription: "Passed to the API's `search`, which matches " + noun + " by name. How loosely it matches is the API's choice.",
	}
	attrs["sort_by"] = schema.StringAttribute{
		Optional: true,
		Computed: true,
		MarkdownDescription: "Field the API sorts by. The API documents only `created_at`, its default; `name` and `updated_at` are likely but not documented. " +
			"A value the API does not take is refused, with an error on this attribute, or may be ignored. Defaults to `" + client.DefaultSortBy + "`; always sent, so the order never depends on the API's defaults.",
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
	attrs["sort_order"] = schema.StringAttribute{
		Optional:            true,
		Computed:            true,
		MarkdownDescription: "`asc` or `desc`. Defaults to `" + client.DefaultSortOrder + "`.",
		Validators:          []validator.String{stringvalidator.OneOf("asc", "desc")},
	}
	attrs["max_results"] = schema.NumberAttribute{
		Optional:            true,
		MarkdownDescription: "Read at most this many " + noun + " (at least 1). Unset reads them all, a page of 100 per request.",
		Validators:          []validator.Number{wholeNumberValidator{min: 1}},
	}
	attrs["total"] = computedInt64("How many " + noun + " match, as the API reports it; with `max_results` it can exceed the length of the list. Null when the API reports none.")
	return attrs
}

// mappedItem is a pointer to the model of one listed item, which fills itself
// from the API's item T.
type mappedItem[T, M any] interface {
	*M
	fromAPI(*T) error
}

// mapItems maps each listed item, naming the item in an error, and collects
// the ids in the same order.
func mapItems[T, M any, P mappedItem[T, M]](field string, items []T, id func(*M) types.String) ([]M, []types.String, error) {
	out := make([]M, len(items))
	ids := make([]types.String, len(items))
	for i := range items {
		if err := P(&out[i]).fromAPI(&items[i]); err != nil {
			return nil, nil, fmt.Errorf("%s[%d].%w", field, i, err)
		}
		ids[i] = id(&out[i])
	}
	return out, ids, nil
}

// listDataSource is every list data source: a list data source is its
// model, whose pointer P says how to list (lister), and its schema; the
// Read is this one. T is the API's type of an item.
type listDataSource[M any, P lister[M, T], T any] struct {
	dataSource[M, P]
	schema schema.Schema
}

// lister is a pointer to the model of a list data source, which embeds
// scopeModel and listModel.
type lister[M, T any] interface {
	scoped[M]
	listArgs() *listModel
	// about names what a read asks for, for its diagnostics.
	about() target
	// fetch lists the items through the client.
	fetch(ctx context.Context, c *client.Client, q client.ListQuery) (*client.ListResult[T], error)
	// fill maps the items into the model, as mapItems does.
	fill(items []T) error
}

// warnsOfArguments is a lister with arguments worth a warning that is not
// an error, checked before the read.
type warnsOfArguments interface {
	warnArguments(diags *diag.Diagnostics)
}

// writesItems is a lister whose fill builds the state values of the
// attributes that hold its items, rather than filling the model: they are
// written into state directly, not by the framework's reflection, for
// lists of thousands (sarvam_campaigns).
type writesItems interface {
	itemValues() map[string]tftypes.Value
}

// newListDataSource is the list data source sarvam_<name> with schema s.
func newListDataSource[M any, P lister[M, T], T any](name string, s schema.Schema) *listDataSource[M, P, T] {
	return &listDataSource[M, P, T]{dataSource: dataSource[M, P]{name: name}, schema: s}
}

func (d *listDataSource[M, P, T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *listDataSource[M, P, T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	m, ok := d.begin(ctx, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	p := P(m)
	if w, ok := any(p).(warnsOfArguments); ok {
		w.warnArguments(&resp.Diagnostics)
	}
	q, t := p.listArgs().clientQuery(), p.about()
	list, err := p.fetch(ctx, d.client(), q)
	if err != nil {
		readError(&resp.Diagnostics, err, t)
		return
	}
	p.listArgs().record(q, list.Total)
	if err := p.fill(list.Items); err != nil {
		mappingError(&resp.Diagnostics, err, t)
		return
	}
	resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	if w, ok := any(p).(writesItems); ok && !resp.Diagnostics.HasError() {
		if err := setAttributes(&resp.State, w.itemValues()); err != nil {
			stateError(&resp.Diagnostics, err, t)
		}
	}
}
