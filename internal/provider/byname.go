package provider

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/sarvamai/terraform-provider-sarvam/internal/client"
)

// maxNearMisses bounds the items an unmatched name suggests.
const maxNearMisses = 5

// nameLookup is what a read by name needs to know about one kind of item T.
// The API does not say how loosely its search matches, nor that names are
// unique, so the lookup lists what the API finds for the name and matches
// the names itself, exactly.
type nameLookup[T any] struct {
	naming[T]
	// in says where the items were looked for, such as `in workspace "W"
	// of org "O"`.
	in string
	// listDataSource is the data source that lists the items, with any
	// argument besides search it needs, such as `sarvam_campaign_cohorts
	// (with campaign_id "C")`.
	listDataSource string
	// listing lists the items through client; what a failed list read
	// reports is its about, and the lookup says what was asked.
	listing itemLister[T]
	client  *client.Client
}

// naming is how the items of one kind are named, for a read by name.
type naming[T any] struct {
	// kind and kinds name one item and several, such as "webhook
	// configuration" and "webhook configurations".
	kind, kinds string
	// idAttr is the argument to set instead of name.
	idAttr string
	// name and id read an item's; note says more about it in a message,
	// such as `status "ended"`.
	name, id func(*T) *string
	note     func(*T) string
}

// itemLister lists items T: the model of the list data source of those
// items, in the scope of the lookup.
type itemLister[T any] interface {
	about() target
	fetch(ctx context.Context, c *client.Client, q client.ListQuery) (*client.ListResult[T], error)
}

// lookup finds an item by name among those listing lists through c; in
// and listDataSource are nameLookup's.
func (n naming[T]) lookup(c *client.Client, listing itemLister[T], in, listDataSource string) nameLookup[T] {
	return nameLookup[T]{naming: n, in: in, listDataSource: listDataSource, listing: listing, client: c}
}

// schema is the schema, described by desc, of the data source that reads
// one item of this kind by id or by name: attrs with the id argument that
// idDesc describes, the name argument among the items `among` says (as
// nameArgument), and the scope that where completes (as withScope).
func (n naming[T]) schema(desc, idDesc, among, where string, attrs map[string]schema.Attribute) schema.Schema {
	attrs = maps.Clone(attrs)
	attrs[n.idAttr] = idOrNameID(idDesc)
	attrs["name"] = nameArgument(n.kind, n.kinds, n.idAttr, among)
	return schema.Schema{MarkdownDescription: desc, Attributes: withScope(where, attrs)}
}

// nameArgument is the name of a data source that reads one item by id or
// by name; among says where the item is looked for, such as "of the
// workspace".
func nameArgument(kind, kinds, idAttr, among string) schema.StringAttribute {
	return schema.StringAttribute{
		Optional: true,
		Computed: true,
		MarkdownDescription: fmt.Sprintf("Name of the %[1]s. Set it instead of `%[3]s` to find the %[1]s by name among the %[2]s %[4]s: "+
			"the provider lists the %[2]s the API finds for the name (every page) and reads the one whose name is exactly this, case-sensitively, so the result is the same as a read by its id. "+
			"The API does not make names unique: when several %[2]s share the name, the read fails and lists their ids; "+
			"when none has it, it fails and names those that differ only in case.", kind, kinds, idAttr, among),
		Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
	}
}

// nameFinder finds the id of the item of a name, as findByName does.
type nameFinder interface {
	find(ctx context.Context, name string, diags *diag.Diagnostics) (string, bool)
}

func (l nameLookup[T]) find(ctx context.Context, name string, diags *diag.Diagnostics) (string, bool) {
	return findByName(ctx, l, name, diags)
}

// idOrName is the validator of a data source that reads one item by idAttr
// or by name.
func idOrName(idAttr string) datasource.ConfigValidator {
	return exactlyOneOfValidator{idAttr, "name"}
}

// findByName returns the id of the one item named exactly name, case
// included. None, or several, is an error on name that says what was found;
// when the API's search finds nothing that differs from name only in case
// (a search that is itself case-sensitive or exact), the whole list is read
// once more to name the items that do.
func findByName[T any](ctx context.Context, l nameLookup[T], name string, diags *diag.Diagnostics) (string, bool) {
	exact, nearMisses, ok := l.match(ctx, name, name, diags)
	if !ok {
		return "", false
	}
	if len(exact) == 0 && len(nearMisses) == 0 {
		if _, nearMisses, ok = l.match(ctx, name, "", diags); !ok {
			return "", false
		}
	}
	switch len(exact) {
	case 1:
		return deref(l.id(&exact[0])), true
	case 0:
		detail := fmt.Sprintf("No %s %s is named exactly %q (names are matched case-sensitively).", l.kind, l.in, name)
		if len(nearMisses) > 0 {
			detail += fmt.Sprintf(" %s whose names differ only in case:%s\nUse the exact name, or %s.", capitalize(l.kinds), l.describe(nearMisses, maxNearMisses), l.idAttr)
		}
		detail += fmt.Sprintf(" To see which %s exist, read %s, with search set to part of the name.", l.kinds, l.listDataSource)
		diags.AddAttributeError(path.Root("name"), summaryAbout(summaryNotFound, l.kind), detail)
	default:
		diags.AddAttributeError(path.Root("name"), summaryAbout(summarySeveral, l.kinds),
			fmt.Sprintf("%d %s %s are named %q; the API does not keep names unique.%s\nSet %s to the one to read instead of name.",
				len(exact), l.kinds, l.in, name, l.describe(exact, len(exact)), l.idAttr))
	}
	return "", false
}

// match lists the items the API finds for search and sorts out those named
// exactly name and those whose names differ from it only in case.
func (l nameLookup[T]) match(ctx context.Context, name, search string, diags *diag.Diagnostics) (exact, nearMisses []T, ok bool) {
	list, err := l.listing.fetch(ctx, l.client, client.ListQuery{Search: search})
	if err != nil {
		t := l.listing.about()
		t.asked = fmt.Sprintf("the %s named %q %s", l.kinds, name, l.in)
		readError(diags, err, t)
		return nil, nil, false
	}
	for _, item := range list.Items {
		switch n := deref(l.name(&item)); {
		case n == name:
			exact = append(exact, item)
		case strings.EqualFold(n, name):
			nearMisses = append(nearMisses, item)
		}
	}
	return exact, nearMisses, true
}

// describe lists up to limit items, one a line, with how many were left out.
func (l nameLookup[T]) describe(items []T, limit int) string {
	var b strings.Builder
	for i := range items[:min(limit, len(items))] {
		fmt.Fprintf(&b, "\n  - %q: %s %q, %s", deref(l.name(&items[i])), l.idAttr, deref(l.id(&items[i])), l.note(&items[i]))
	}
	if left := len(items) - limit; left > 0 {
		fmt.Fprintf(&b, "\n  - and %d more", left)
	}
	return b.String()
}
