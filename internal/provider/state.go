package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setState sets a data source's model into its state. Every data source's
// read ends here. A model that puts its attributes' values itself (a
// stateModel) is written as those values, a small part of what the
// framework's reflection over it costs (PERFORMANCE.md); any other model is
// set by reflection. The values must be exactly the ones reflection would
// write: TestSingleValuesMatchReflection holds every such model to that.
func setState(ctx context.Context, state *tfsdk.State, m any) diag.Diagnostics {
	sm, ok := m.(stateModel)
	if !ok {
		return state.Set(ctx, m)
	}
	v, err := stateValue(ctx, state, sm)
	if err != nil {
		var diags diag.Diagnostics
		stateError(&diags, err, sm.about())
		return diags
	}
	state.Raw = v
	return nil
}

// stateModel is the model of a data source that puts its own values: it
// names what was read, for the error that a fault of its values is.
type stateModel interface {
	objectModel
	about() target
}

// stateValue is m as a value of state's type. tftypes panics on a value
// that does not fit its type, which only a fault of attrValues can cause;
// the panic is returned as an error.
func stateValue(ctx context.Context, state *tfsdk.State, m objectModel) (v tftypes.Value, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v", r)
		}
	}()
	// The framework hands Read a null state of the schema's type.
	typ, ok := state.Raw.Type().(tftypes.Object)
	if !ok {
		if typ, ok = state.Schema.Type().TerraformType(ctx).(tftypes.Object); !ok {
			return tftypes.Value{}, fmt.Errorf("the schema's type is %s, not an object", state.Schema.Type())
		}
	}
	return objectOf(ctx, typ, m)
}

// objectModel is a model of an object, a data source's or one nested in
// it, that puts the value of each of its attributes into a, as reflection
// over the model would write it.
type objectModel interface {
	attrValues(a *stateAttrs)
}

// stateAttrs collects the attribute values of an object of type typ. The
// first error is kept, with the path of the attribute it is about.
type stateAttrs struct {
	ctx   context.Context
	typ   tftypes.Object
	attrs map[string]tftypes.Value
	err   error
}

// objectOf is the object of type typ that m holds.
func objectOf(ctx context.Context, typ tftypes.Object, m objectModel) (tftypes.Value, error) {
	attrs, err := attrsOf(ctx, typ, m)
	if err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(typ, attrs), nil
}

// attrsOf is the attributes of the object of type typ that m holds: every
// attribute of typ, or an error.
func attrsOf(ctx context.Context, typ tftypes.Object, m objectModel) (map[string]tftypes.Value, error) {
	a := stateAttrs{ctx: ctx, typ: typ, attrs: make(map[string]tftypes.Value, len(typ.AttributeTypes))}
	m.attrValues(&a)
	if a.err == nil && len(a.attrs) < len(typ.AttributeTypes) {
		var missing []string
		for name := range typ.AttributeTypes {
			if _, ok := a.attrs[name]; !ok {
				missing = append(missing, name)
			}
		}
		slices.Sort(missing)
		a.err = fmt.Errorf("no value for %s", strings.Join(missing, ", "))
	}
	if a.err != nil {
		return nil, a.err
	}
	return a.attrs, nil
}

// put sets attribute name to v's state value, as reflection writes it.
func (a *stateAttrs) put(name string, v attr.Value) {
	tv, err := v.ToTerraformValue(a.ctx)
	if err != nil {
		a.fail(fmt.Errorf("%s: %w", name, err))
		return
	}
	a.set(name, tv)
}

// The putters of a type write what its ToTerraformValue writes, without
// the framework value passing through an interface and a check of a value
// that cannot fail one: each costs one or two allocations fewer, which
// shows on a list of thousands.

// str sets attribute name to v, a string or a type built on one (a
// timestamp's StringValue).
func (a *stateAttrs) str(name string, v basetypes.StringValue) {
	switch {
	case v.IsNull():
		a.set(name, tftypes.NewValue(tftypes.String, nil))
	case v.IsUnknown():
		a.set(name, tftypes.NewValue(tftypes.String, tftypes.UnknownValue))
	default:
		a.set(name, tftypes.NewValue(tftypes.String, v.ValueString()))
	}
}

func (a *stateAttrs) int64(name string, v basetypes.Int64Value) {
	switch {
	case v.IsNull():
		a.set(name, tftypes.NewValue(tftypes.Number, nil))
	case v.IsUnknown():
		a.set(name, tftypes.NewValue(tftypes.Number, tftypes.UnknownValue))
	default:
		a.set(name, tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(v.ValueInt64())))
	}
}

func (a *stateAttrs) bool(name string, v basetypes.BoolValue) {
	switch {
	case v.IsNull():
		a.set(name, tftypes.NewValue(tftypes.Bool, nil))
	case v.IsUnknown():
		a.set(name, tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue))
	default:
		a.set(name, tftypes.NewValue(tftypes.Bool, v.ValueBool()))
	}
}

// set sets attribute name, which the schema must have, to v.
func (a *stateAttrs) set(name string, v tftypes.Value) {
	if _, ok := a.typ.AttributeTypes[name]; !ok {
		a.fail(fmt.Errorf("%s: the schema has no such attribute", name))
		return
	}
	a.attrs[name] = v
}

func (a *stateAttrs) fail(err error) {
	if a.err == nil {
		a.err = err
	}
}

// typeOf is the type of attribute name, which must be a T.
func typeOf[T tftypes.Type](a *stateAttrs, name string) (T, bool) {
	t, ok := a.typ.AttributeTypes[name].(T)
	if !ok {
		if at, has := a.typ.AttributeTypes[name]; has {
			a.fail(fmt.Errorf("%s: the schema has it of type %s, not %T", name, at, t))
		} else {
			a.fail(fmt.Errorf("%s: the schema has no such attribute", name))
		}
	}
	return t, ok
}

// putObject sets the object attribute name to the object m holds: null when
// m is nil, as reflection writes a nil pointer.
func putObject[M any, P interface {
	*M
	objectModel
}](a *stateAttrs, name string, m P) {
	typ, ok := typeOf[tftypes.Object](a, name)
	if !ok {
		return
	}
	if m == nil {
		a.attrs[name] = tftypes.NewValue(typ, nil)
		return
	}
	v, err := objectOf(a.ctx, typ, m)
	if err != nil {
		a.fail(fmt.Errorf("%s.%w", name, err))
		return
	}
	a.attrs[name] = v
}

// putObjectList sets the attribute name, a list of objects, to the objects
// ms hold: null when ms is nil, as reflection writes a nil slice.
func putObjectList[M any, P interface {
	*M
	objectModel
}](a *stateAttrs, name string, ms []M) {
	list, ok := typeOf[tftypes.List](a, name)
	if !ok {
		return
	}
	typ, ok := list.ElementType.(tftypes.Object)
	if !ok {
		a.fail(fmt.Errorf("%s: the schema has it of type %s, not a list of objects", name, list))
		return
	}
	if ms == nil {
		a.attrs[name] = tftypes.NewValue(list, nil)
		return
	}
	elems := make([]tftypes.Value, len(ms))
	for i := range ms {
		v, err := objectOf(a.ctx, typ, P(&ms[i]))
		if err != nil {
			a.fail(fmt.Errorf("%s[%d].%w", name, i, err))
			return
		}
		elems[i] = v
	}
	a.attrs[name] = tftypes.NewValue(list, elems)
}

// putList sets the list attribute name to the values vs: null when vs is
// nil.
func putList[V attr.Value](a *stateAttrs, name string, vs []V) {
	list, ok := typeOf[tftypes.List](a, name)
	if !ok {
		return
	}
	if vs == nil {
		a.attrs[name] = tftypes.NewValue(list, nil)
		return
	}
	elems := make([]tftypes.Value, len(vs))
	for i, v := range vs {
		tv, err := v.ToTerraformValue(a.ctx)
		if err != nil {
			a.fail(fmt.Errorf("%s[%d]: %w", name, i, err))
			return
		}
		elems[i] = tv
	}
	a.attrs[name] = tftypes.NewValue(list, elems)
}

// putScope puts the scope a read happened in. It is not attrValues: every
// model embeds scopeModel, and only a model that puts all of its attributes
// may be an objectModel.
func (s *scopeModel) putScope(a *stateAttrs) {
	a.str("org_id", s.OrgID)
	a.str("workspace_id", s.WorkspaceID)
}

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
