package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// singleDataSource is every data source that reads one object: such a data
// source is its model, whose pointer P says how to read by id (reader) and,
// where it has one, how to find the id by name (findsByName), and its
// schema; the Read is this one. T is the API's type of the object.
type singleDataSource[M any, P reader[M, T], T any] struct {
	dataSource[M, P]
	schema     schema.Schema
	validators []datasource.ConfigValidator
}

// reader is a pointer to the model of a single-object data source, which
// embeds scopeModel.
type reader[M, T any] interface {
	scoped[M]
	// about names what a read asks for, for its diagnostics, once the id
	// is known.
	about() target
	// get reads the object by its id through the client.
	get(ctx context.Context, c *client.Client) (*T, error)
	// fromAPI fills the model from the API's object.
	fromAPI(*T) error
}

// findsByName is a reader whose object can be named instead of given by
// id: when id is null, the read finds it among what lookup lists.
type findsByName interface {
	byName(c *client.Client) (id *types.String, name string, lookup nameFinder)
}

// newSingleDataSource is the data source sarvam_<name> with schema s and
// validators v.
func newSingleDataSource[M any, P reader[M, T], T any](name string, s schema.Schema, v ...datasource.ConfigValidator) *singleDataSource[M, P, T] {
	return &singleDataSource[M, P, T]{dataSource: dataSource[M, P]{name: name}, schema: s, validators: v}
}

func (d *singleDataSource[M, P, T]) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = d.schema
}

func (d *singleDataSource[M, P, T]) ConfigValidators(context.Context) []datasource.ConfigValidator {
	return d.validators
}

func (d *singleDataSource[M, P, T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	defer d.recoverPanic(ctx, &resp.Diagnostics)
	if m, ok := d.read(ctx, req.Config, &resp.Diagnostics); ok {
		resp.Diagnostics.Append(setState(ctx, &resp.State, m)...)
	}
}

// read reads the object config asks for, by id or by name. It is the whole
// read of the data source and of an ephemeral resource reading through it,
// which differ only in where the result goes.
func (d *singleDataSource[M, P, T]) read(ctx context.Context, config tfsdk.Config, diags *diag.Diagnostics) (*M, bool) {
	m, ok := d.begin(ctx, config, diags)
	if !ok {
		return nil, false
	}
	p := P(m)
	if n, ok := any(p).(findsByName); ok {
		if id, name, lookup := n.byName(d.client()); id.IsNull() {
			found, ok := lookup.find(ctx, name, diags)
			if !ok {
				return nil, false
			}
			*id = types.StringValue(found)
		}
	}
	t := p.about()
	obj, err := p.get(ctx, d.client())
	if err != nil {
		readError(diags, err, t)
		return nil, false
	}
	if err := p.fromAPI(obj); err != nil {
		mappingError(diags, err, t)
		return nil, false
	}
	return m, true
}
