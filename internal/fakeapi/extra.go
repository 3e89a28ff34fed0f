package fakeapi

import (
	"bytes"
	"encoding/json"
)

// ExtraField is the field the ExtraFields mode adds to every object served.
// Its value, ExtraValue, holds an object, a list and a null, so that a
// decoder that tolerates only scalars also shows.
const (
	ExtraField = "x_unannounced_field"
	ExtraValue = `{"since":"2027-01","values":[1,"two",null,true]}`
)

// freeForm names the objects whose keys are data, not schema: an unknown
// field there would change the data rather than add to it.
var freeForm = map[string]bool{"metadata": true, "custom_headers": true}

// withExtraFields adds ExtraField to every object in body, at every depth
// except inside free-form maps. A body that is not JSON is left alone.
func withExtraFields(body []byte) []byte {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return body
	}
	var extra any
	if err := json.Unmarshal([]byte(ExtraValue), &extra); err != nil {
		panic(err)
	}
	b, err := marshal(addExtra(v, extra))
	if err != nil {
		return body
	}
	return b
}

// marshal is json.Marshal without escaping <, > and &, as a server that is
// not writing HTML sends them.
func marshal(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

func addExtra(v, extra any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, x := range t {
			if !freeForm[k] {
				t[k] = addExtra(x, extra)
			}
		}
		t[ExtraField] = extra
	case []any:
		for i := range t {
			t[i] = addExtra(t[i], extra)
		}
	}
	return v
}
