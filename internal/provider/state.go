package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"math/big"
	"reflect"
	"slices"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types/basetypes"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setState sets a data source's model into its state. Every data source's
// read ends here. A data source's model (a stateModel) is written as values
// built by walking its fields along a plan made once for its type (planOf),
// a small part of what the framework's reflection over it costs
// (PERFORMANCE.md): the framework's reflection builds a path, converts every
// value and checks it against the schema at every field of every read. A
// model holding a field the plan does not know is set by the framework's
// reflection. The values must be exactly the ones reflection would write:
// TestSingleValuesMatchReflection holds the data sources' models to that.
func setState(ctx context.Context, state *tfsdk.State, m any) diag.Diagnostics {
	sm, ok := m.(stateModel)
	if !ok || !writesDirectly(m) {
		return state.Set(ctx, m)
	}
	v, err := stateValue(ctx, state, m)
	if err != nil {
		var diags diag.Diagnostics
		stateError(&diags, err, sm.about())
		return diags
	}
	state.Raw = v
	return nil
}

// stateModel is the model of a data source: it names what was read, for
// the error that a fault of its values is.
type stateModel interface {
	about() target
}

// writesDirectly says whether m, a pointer to a model, has a plan.
func writesDirectly(m any) bool {
	t := reflect.TypeOf(m)
	if t == nil || t.Kind() != reflect.Pointer || t.Elem().Kind() != reflect.Struct {
		return false
	}
	_, err := planOf(t.Elem())
	return err == nil
}

// stateValue is m as a value of state's type. tftypes panics on a value
// that does not fit its type, which only a fault of the plan can cause;
// the panic is returned as an error.
func stateValue(ctx context.Context, state *tfsdk.State, m any) (v tftypes.Value, err error) {
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

// A plan is what the framework's reflection finds in a model's type, found
// once: each attribute's field (through embedded structs, whose fields are
// the model's own), its name from the tfsdk tag, and how its value is
// written.
type modelPlan struct {
	fields []planField
}

type planField struct {
	index []int
	name  string
	kind  fieldKind
	// elem is the plan of a nested object's model (objectField,
	// objectListField).
	elem *modelPlan
}

type fieldKind uint8

const (
	// valueField is an attr.Value: types.String, a timestamp, a map.
	valueField fieldKind = iota
	// objectField is a pointer to a nested object's model: nil is null.
	objectField
	// objectListField is a slice of nested objects' models: nil is null.
	objectListField
	// valueListField is a slice of attr.Values: nil is null.
	valueListField
)

var (
	plans         sync.Map // reflect.Type of a struct: planned
	attrValueType = reflect.TypeFor[attr.Value]()
)

// planned is a type's plan, or why it has none.
type planned struct {
	p   *modelPlan
	err error
}

// planOf is the plan of the struct type t, made on first use.
func planOf(t reflect.Type) (*modelPlan, error) {
	if got, ok := plans.Load(t); ok {
		pl, _ := got.(planned)
		return pl.p, pl.err
	}
	p := &modelPlan{}
	err := p.add(t, nil)
	if err != nil {
		p = nil
	}
	plans.Store(t, planned{p, err})
	return p, err
}

// add adds the fields of the struct type t, reached through the field
// indexes at, as the framework's reflection reads them: an embedded struct
// without a tag gives its fields, an unexported field is skipped, and an
// exported one without a tfsdk tag is an error.
func (p *modelPlan) add(t reflect.Type, at []int) error {
	for i := range t.NumField() {
		f := t.Field(i)
		index := append(slices.Clone(at), i)
		tag, tagged := f.Tag.Lookup("tfsdk")
		if f.Anonymous && !tagged && f.Type.Kind() == reflect.Struct {
			if err := p.add(f.Type, index); err != nil {
				return err
			}
			continue
		}
		if !f.IsExported() || tag == "-" {
			continue
		}
		if !tagged {
			return fmt.Errorf("%s.%s has no tfsdk tag", t, f.Name)
		}
		pf := planField{index: index, name: tag}
		ft := f.Type
		switch {
		case ft.Implements(attrValueType):
			pf.kind = valueField
		case ft.Kind() == reflect.Pointer && ft.Elem().Kind() == reflect.Struct:
			pf.kind = objectField
		case ft.Kind() == reflect.Slice && ft.Elem().Implements(attrValueType):
			pf.kind = valueListField
		case ft.Kind() == reflect.Slice && ft.Elem().Kind() == reflect.Struct:
			pf.kind = objectListField
		default:
			return fmt.Errorf("%s.%s is a %s, which setState does not write", t, f.Name, ft)
		}
		if pf.kind == objectField || pf.kind == objectListField {
			elem, err := planOf(ft.Elem())
			if err != nil {
				return err
			}
			pf.elem = elem
		}
		p.fields = append(p.fields, pf)
	}
	return nil
}

// putFields puts the value of each field of v, a model of the plan's type, into
// a.
func (p *modelPlan) putFields(a *stateAttrs, v reflect.Value) {
	for i := range p.fields {
		f := &p.fields[i]
		fv := v.FieldByIndex(f.index)
		switch f.kind {
		case valueField:
			a.putValue(f.name, fv)
		case objectField:
			a.putObject(f.name, f.elem, fv)
		case objectListField:
			a.putObjectList(f.name, f.elem, fv)
		case valueListField:
			a.putValueList(f.name, fv)
		}
		if a.err != nil {
			return
		}
	}
}

// stateAttrs collects the attribute values of an object of type typ. The
// first error is kept, with the path of the attribute it is about.
type stateAttrs struct {
	ctx   context.Context
	typ   tftypes.Object
	attrs map[string]tftypes.Value
	err   error
}

// objectOf is the object of type typ that m, a pointer to a model, holds.
func objectOf(ctx context.Context, typ tftypes.Object, m any) (tftypes.Value, error) {
	attrs, err := attrsOf(ctx, typ, m)
	if err != nil {
		return tftypes.Value{}, err
	}
	return tftypes.NewValue(typ, attrs), nil
}

// attrsOf is the attributes of the object of type typ that m, a pointer to
// a model, holds: every attribute of typ, or an error.
func attrsOf(ctx context.Context, typ tftypes.Object, m any) (map[string]tftypes.Value, error) {
	v := reflect.ValueOf(m)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return nil, fmt.Errorf("%T is not a pointer to a model", m)
	}
	p, err := planOf(v.Elem().Type())
	if err != nil {
		return nil, err
	}
	return attrsOfValue(ctx, typ, p, v.Elem())
}

func attrsOfValue(ctx context.Context, typ tftypes.Object, p *modelPlan, v reflect.Value) (map[string]tftypes.Value, error) {
	a := stateAttrs{ctx: ctx, typ: typ, attrs: make(map[string]tftypes.Value, len(typ.AttributeTypes))}
	p.putFields(&a, v)
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

// putValue sets attribute name to the state value of fv, an addressable
// attr.Value.
func (a *stateAttrs) putValue(name string, fv reflect.Value) {
	tv, err := valueOf(a.ctx, fv)
	if err != nil {
		a.keepFirst(fmt.Errorf("%s: %w", name, err))
		return
	}
	a.setAttr(name, tv)
}

// valueOf is the state value of fv, an addressable attr.Value, as its
// ToTerraformValue writes it. The types most attributes have are written
// here without the framework value passing through an interface and a
// check of a value that cannot fail one: each costs one or two allocations
// fewer, which shows on a list of thousands.
func valueOf(ctx context.Context, fv reflect.Value) (tftypes.Value, error) {
	switch v := fv.Addr().Interface().(type) {
	case *basetypes.StringValue:
		return stringValue(*v), nil
	case *timetypes.RFC3339:
		return stringValue(v.StringValue), nil
	case *basetypes.Int64Value:
		return int64Value(*v), nil
	case *basetypes.BoolValue:
		return boolValue(*v), nil
	}
	av, ok := fv.Interface().(attr.Value)
	if !ok {
		return tftypes.Value{}, fmt.Errorf("%s is not an attr.Value", fv.Type())
	}
	return av.ToTerraformValue(ctx)
}

// setAttr sets attribute name, which the schema must have, to v.
func (a *stateAttrs) setAttr(name string, v tftypes.Value) {
	if _, ok := a.typ.AttributeTypes[name]; !ok {
		a.keepFirst(fmt.Errorf("%s: the schema has no such attribute", name))
		return
	}
	a.attrs[name] = v
}

func (a *stateAttrs) keepFirst(err error) {
	if a.err == nil {
		a.err = err
	}
}

// typeOf is the type of attribute name, which must be a T.
func typeOf[T tftypes.Type](a *stateAttrs, name string) (T, bool) {
	t, ok := a.typ.AttributeTypes[name].(T)
	if !ok {
		if at, has := a.typ.AttributeTypes[name]; has {
			a.keepFirst(fmt.Errorf("%s: the schema has it of type %s, not %T", name, at, t))
		} else {
			a.keepFirst(fmt.Errorf("%s: the schema has no such attribute", name))
		}
	}
	return t, ok
}

// putObject sets the object attribute name to the object that fv, a pointer
// to a model of plan p, holds: null when it is nil, as reflection writes a
// nil pointer.
func (a *stateAttrs) putObject(name string, p *modelPlan, fv reflect.Value) {
	typ, ok := typeOf[tftypes.Object](a, name)
	if !ok {
		return
	}
	if fv.IsNil() {
		a.attrs[name] = tftypes.NewValue(typ, nil)
		return
	}
	attrs, err := attrsOfValue(a.ctx, typ, p, fv.Elem())
	if err != nil {
		a.keepFirst(fmt.Errorf("%s.%w", name, err))
		return
	}
	a.attrs[name] = tftypes.NewValue(typ, attrs)
}

// putObjectList sets the attribute name, a list of objects, to the objects
// that fv, a slice of models of plan p, holds: null when it is nil, as
// reflection writes a nil slice.
func (a *stateAttrs) putObjectList(name string, p *modelPlan, fv reflect.Value) {
	list, ok := typeOf[tftypes.List](a, name)
	if !ok {
		return
	}
	typ, ok := list.ElementType.(tftypes.Object)
	if !ok {
		a.keepFirst(fmt.Errorf("%s: the schema has it of type %s, not a list of objects", name, list))
		return
	}
	if fv.IsNil() {
		a.attrs[name] = tftypes.NewValue(list, nil)
		return
	}
	elems := make([]tftypes.Value, fv.Len())
	for i := range elems {
		attrs, err := attrsOfValue(a.ctx, typ, p, fv.Index(i))
		if err != nil {
			a.keepFirst(fmt.Errorf("%s[%d].%w", name, i, err))
			return
		}
		elems[i] = tftypes.NewValue(typ, attrs)
	}
	a.attrs[name] = tftypes.NewValue(list, elems)
}

// putValueList sets the list attribute name to the values of fv, a slice of
// attr.Values: null when it is nil.
func (a *stateAttrs) putValueList(name string, fv reflect.Value) {
	list, ok := typeOf[tftypes.List](a, name)
	if !ok {
		return
	}
	if fv.IsNil() {
		a.attrs[name] = tftypes.NewValue(list, nil)
		return
	}
	elems := make([]tftypes.Value, fv.Len())
	for i := range elems {
		tv, err := valueOf(a.ctx, fv.Index(i))
		if err != nil {
			a.keepFirst(fmt.Errorf("%s[%d]: %w", name, i, err))
			return
		}
		elems[i] = tv
	}
	a.attrs[name] = tftypes.NewValue(list, elems)
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

// stringValue, int64Value and boolValue are the state values of the three
// types most attributes have. They are three rather than one function
// taking the tftypes type: with the type an argument, mapping the full
// campaign and setting it into state took 655 allocations against 605
// (BenchmarkCampaignState).
func stringValue(v basetypes.StringValue) tftypes.Value {
	switch {
	case v.IsNull():
		return tftypes.NewValue(tftypes.String, nil)
	case v.IsUnknown():
		return tftypes.NewValue(tftypes.String, tftypes.UnknownValue)
	default:
		return tftypes.NewValue(tftypes.String, v.ValueString())
	}
}

func int64Value(v basetypes.Int64Value) tftypes.Value {
	switch {
	case v.IsNull():
		return tftypes.NewValue(tftypes.Number, nil)
	case v.IsUnknown():
		return tftypes.NewValue(tftypes.Number, tftypes.UnknownValue)
	default:
		return tftypes.NewValue(tftypes.Number, new(big.Float).SetInt64(v.ValueInt64()))
	}
}

func boolValue(v basetypes.BoolValue) tftypes.Value {
	switch {
	case v.IsNull():
		return tftypes.NewValue(tftypes.Bool, nil)
	case v.IsUnknown():
		return tftypes.NewValue(tftypes.Bool, tftypes.UnknownValue)
	default:
		return tftypes.NewValue(tftypes.Bool, v.ValueBool())
	}
}
