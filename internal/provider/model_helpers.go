package provider

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timetypes/timetypes"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
	"github.com/sarvamai/terraform-provider-sarvam/internal/text"
)

// Conversions from API values to Terraform values that the models of several
// data sources share.

// deref is the string p points at, or "" for nil.
func deref(p *string) string {
	if p == nil {
		return ""
	}
	return *p
}

// stringList keeps nil (absent) apart from empty, and a null element null.
func stringList(in []*string) []types.String {
	if in == nil {
		return nil
	}
	out := make([]types.String, len(in))
	for i, s := range in {
		out[i] = types.StringPointerValue(s)
	}
	return out
}

// offsetless is how Python backends write a UTC time without its offset.
const offsetless = "2006-01-02T15:04:05.999999999"

// timestamp keeps an RFC 3339 value as the API sent it. One without an offset
// is read as UTC and gets a "Z"; a space or a lowercase "t" or "z" (which
// RFC 3339 allows, and Go's parser does not) becomes "T" or "Z". Either way
// the result parses as RFC 3339 for every Terraform function.
func timestamp(field string, v *string) (timetypes.RFC3339, error) {
	s, err := normalTimestamp(field, v)
	if err != nil || s == nil {
		return timetypes.NewRFC3339Null(), err
	}
	return timetypes.NewRFC3339ValueMust(*s), nil
}

// normalTimestamp is timestamp's value as a string, nil for null, for
// values built directly (setState), without the parse that a
// timetypes value makes.
func normalTimestamp(field string, v *string) (*string, error) {
	if v == nil {
		return nil, nil
	}
	if _, err := time.Parse(time.RFC3339Nano, *v); err == nil {
		return v, nil
	}
	s := strings.ToUpper(*v)
	if len(s) > 10 && s[10] == ' ' {
		s = s[:10] + "T" + s[11:]
	}
	if _, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return &s, nil
	}
	if _, err := time.Parse(offsetless, s); err == nil {
		s += "Z"
		return &s, nil
	}
	return nil, fmt.Errorf("%s: %q is not an RFC 3339 timestamp", field, text.Truncate(*v, 64))
}

// jsonToDynamic turns free-form JSON into a Terraform value users can index
// into: objects become objects, arrays tuples, numbers exact numbers. Absent
// or null is a null value. Object members named in withheld, matched as
// encoding/json matches names (client.SameJSONName), are left out at any
// depth.
func jsonToDynamic(raw json.RawMessage, withheld ...string) (types.Dynamic, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 || bytes.Equal(raw, []byte("null")) {
		return types.DynamicNull(), nil
	}
	// The client refuses such an answer already; a value built any other
	// way is held to the same bounds, as mapping it costs more with depth
	// than with size.
	if reason := client.CheckFreeForm(raw); reason != "" {
		return types.DynamicNull(), errors.New(reason)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return types.DynamicNull(), fmt.Errorf("not valid JSON: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return types.DynamicNull(), errors.New("not a single JSON value")
	}
	val, err := toAttrValue(withhold(v, withheld))
	if err != nil {
		return types.DynamicNull(), err
	}
	return types.DynamicValue(val), nil
}

func withhold(v any, names []string) any {
	if len(names) == 0 {
		return v
	}
	switch v := v.(type) {
	case map[string]any:
		for k, e := range v {
			if slices.ContainsFunc(names, func(n string) bool { return client.SameJSONName(n, k) }) {
				delete(v, k)
				continue
			}
			v[k] = withhold(e, names)
		}
	case []any:
		for i := range v {
			v[i] = withhold(v[i], names)
		}
	}
	return v
}

func toAttrValue(v any) (attr.Value, error) {
	switch v := v.(type) {
	case nil:
		// A JSON null inside metadata has no type of its own; a null
		// string reads as null in every expression.
		return types.StringNull(), nil
	case bool:
		return types.BoolValue(v), nil
	case string:
		return types.StringValue(v), nil
	case json.Number:
		f, _, err := big.ParseFloat(string(v), 10, 512, big.ToNearestEven)
		if err != nil {
			return nil, fmt.Errorf("number %s: %w", v, err)
		}
		return types.NumberValue(f), nil
	case []any:
		elems := make([]attr.Value, len(v))
		elemTypes := make([]attr.Type, len(v))
		for i, e := range v {
			val, err := toAttrValue(e)
			if err != nil {
				return nil, err
			}
			elems[i], elemTypes[i] = val, val.Type(context.Background())
		}
		t, diags := types.TupleValue(elemTypes, elems)
		if diags.HasError() {
			return nil, fmt.Errorf("list: %v", diags)
		}
		return t, nil
	case map[string]any:
		attrs := make(map[string]attr.Value, len(v))
		attrTypes := make(map[string]attr.Type, len(v))
		for k, e := range v {
			val, err := toAttrValue(e)
			if err != nil {
				return nil, err
			}
			attrs[k], attrTypes[k] = val, val.Type(context.Background())
		}
		o, diags := types.ObjectValue(attrTypes, attrs)
		if diags.HasError() {
			return nil, fmt.Errorf("object: %v", diags)
		}
		return o, nil
	default:
		return nil, fmt.Errorf("unexpected JSON value %T", v)
	}
}

// createdUpdated maps the created_at and updated_at of an object of the API.
func createdUpdated(created, updated *string) (createdAt, updatedAt timetypes.RFC3339, err error) {
	if createdAt, err = timestamp("created_at", created); err != nil {
		return createdAt, updatedAt, err
	}
	updatedAt, err = timestamp("updated_at", updated)
	return createdAt, updatedAt, err
}
