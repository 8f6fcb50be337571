using System.Globalization;
using System.Text.Encodings.Web;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Html;

namespace FreelancerOS.Web.Features.Workflow;

/// <summary>
/// The grid's rows as one piece of HTML (_Rows.cshtml places it). Written here rather than in Razor: a page has fifty
/// rows of some thirty attributes each, and Razor's write per value and attribute (with a new buffer page every few
/// hundred) was most of the page's rendering. This is one piece of content that writes itself straight to the response
/// when the view is flushed (no page-sized string: that would be a large-object allocation per request). What each value is, and what
/// workflow.js and the tests read, is unchanged: one form per row in its first cell, which the row's selects join
/// (form="wf-…") and htmx posts on a change of any of them (hx-target and hx-swap come from the grid's tbody), and which
/// the "New draft invoice" button submits to its own address; the clients' and payment modes' selects, and in a light
/// row the invoice, project and service selects too, hold only their current choice, filled by workflow.js from the
/// page's shared lists (data-options) when focused or pressed.
/// Every text and attribute value is HTML-encoded; an attribute Razor would leave out (a null value) is left out.
/// </summary>
public static class WorkflowRowsHtml
{
    public static IHtmlContent Rows(WorkflowRowsView model, string requestToken) => new WrittenHtml((writer, encoder) =>
    {
        var html = new Builder(writer, encoder);
        var token = $"<input name=\"__RequestVerificationToken\" type=\"hidden\" value=\"{encoder.Encode(requestToken)}\" />";
        var returnUrl = encoder.Encode(model.ReturnUrl);
        var escapedReturn = encoder.Encode(Uri.EscapeDataString(model.ReturnUrl));
        foreach (var r in model.Rows) Row(html, model, r, token, returnUrl, escapedReturn);
    });

    private static void Row(Builder h, WorkflowRowsView model, WorkflowRow r, string token, string returnUrl, string escapedReturn)
    {
        var o = model.Options;
        var light = model.Light;
        var id = r.Id.ToString(CultureInfo.InvariantCulture);
        var version = r.Version.ToString(CultureInfo.InvariantCulture);
        var form = "wf-" + id;
        var d = h.Encode(r.Description);
        var invoice = o.Invoice(r.InvoiceId);

        h.Raw("<tr id=\"row-").Raw(id).Raw("\" data-role=\"workflow-row\" data-version=\"").Raw(version).Raw("\"")
            .Attr("data-client", r.ClientId).Attr("data-project", r.ProjectId)
            .Raw(" data-currency=\"").Text(r.Currency).Raw("\" hx-post=\"/workflow/edit/").Raw(id)
            .Raw("\" hx-trigger=\"change\" hx-include=\"#").Raw(form).Raw("\"")
            .Raw(model.Message is not null ? " class=\"table-warning\">" : ">");
        h.Raw("<td class=\"text-nowrap\"><form id=\"").Raw(form).Raw("\" method=\"post\" action=\"/workflow/edit/").Raw(id).Raw("\">").Raw(token)
            .Raw("<input type=\"hidden\" name=\"Version\" value=\"").Raw(version).Raw("\" /><input type=\"hidden\" name=\"ReturnUrl\" value=\"").Raw(returnUrl)
            .Raw("\" /></form><time datetime=\"").Raw(r.Date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)).Raw("\">").Text(Dates.Show(r.Date)).Raw("</time></td>");
        h.Raw("<td><a href=\"/ledger/edit/").Raw(id).Raw("\">").Raw(d).Raw("</a>");
        if (model.Message is not null) h.Raw("<div class=\"text-danger small\" role=\"alert\" data-role=\"row-message\">").Text(model.Message).Raw("</div>");
        else if (model.Saved) h.Raw("<div class=\"text-success small visually-hidden\" role=\"status\" data-role=\"row-saved\">Saved.</div>");
        h.Raw("</td><td class=\"text-end text-nowrap\" data-role=\"amount\">").Text(Currency.Format(r.Amount, r.Currency)).Raw("</td>");

        h.Raw("<td>");
        Select(h, "invoice", "InvoiceId", id, form, "Invoice of ", d, light ? "workflow-invoices" : null, "No invoice");
        if (light) { if (invoice is not null) h.Option(invoice.Id, invoice.Label, true); }
        else foreach (var i in o.InvoicesFor(r)) h.Option(i.Id, i.Label, i.Id == r.InvoiceId);
        h.Raw("</select>");
        if (invoice is not null)
            h.Raw("<a class=\"small\" href=\"/invoices/details/").Raw(invoice.Id.ToString(CultureInfo.InvariantCulture)).Raw("\" data-role=\"invoice-link\">")
                .Text(invoice.Number ?? "Draft").Raw(" · <span data-role=\"invoice-status\">").Text(invoice.Status.ToString()).Raw("</span></a>");
        else if (r.ClientId is not null)
            // A submit button of the row's form, sent elsewhere: the form's token, version and return address go with it
            // (htmx includes a button's form), so the row carries one copy of each.
            h.Raw("<button type=\"submit\" form=\"").Raw(form).Raw("\" formaction=\"/workflow/newdraft/").Raw(id).Raw("\" hx-post=\"/workflow/newdraft/").Raw(id)
                .Raw("\" class=\"btn btn-link btn-sm p-0\" data-role=\"new-draft\">New draft invoice</button>");
        h.Raw("</td>");

        h.Raw("<td>");
        Select(h, "client", "ClientId", id, form, "Client of ", d, "workflow-clients", "No client");
        if (o.Client(r.ClientId) is { } client) h.Option(client.Id, client.Name, true);
        h.Raw("</select><a class=\"small\" href=\"/workflow/newclient/").Raw(id).Raw("?returnUrl=").Raw(escapedReturn).Raw("\" data-role=\"new-client\">New client</a></td>");

        h.Raw("<td>");
        Select(h, "project", "ProjectId", id, form, "Project of ", d, light ? "workflow-projects" : null, "No project");
        if (light) { if (o.Project(r.ProjectId) is { } project) h.Option(project.Id, project.Name, true); }
        else foreach (var p in o.ProjectsFor(r)) h.Option(p.Id, p.Name, p.Id == r.ProjectId);
        h.Raw("</select>");
        if (r.ClientId is not null)
            h.Raw("<a class=\"small\" href=\"/workflow/newproject/").Raw(id).Raw("?returnUrl=").Raw(escapedReturn).Raw("\" data-role=\"new-project\">New project</a>");
        h.Raw("</td>");

        h.Raw("<td>");
        Select(h, "service", "ServiceId", id, form, "Service of ", d, light ? "workflow-services" : null, "No service");
        if (light) { if (o.Service(r.ServiceId) is { } service) h.Option(service.Id, service.Name, true); }
        else foreach (var s in o.ServicesFor(r)) h.Option(s.Id, s.Name, s.Id == r.ServiceId);
        h.Raw("</select></td>");

        h.Raw("<td>");
        Select(h, "mode", "PaymentModeId", id, form, "Payment mode of ", d, "workflow-modes", "Not received");
        if (o.Mode(r.PaymentModeId) is { } mode) h.Option(mode.Id, mode.Name, true);
        h.Raw("</select></td>");

        h.Raw("<td><a href=\"/workflow/edit/").Raw(id).Raw("?returnUrl=").Raw(escapedReturn).Raw("\" data-role=\"edit-row\">Edit<span class=\"visually-hidden\"> ")
            .Raw(d).Raw("</span></a></td>\n</tr>\n");
    }

    /// <summary>A cell's select up to its "none" option; options: the shared list workflow.js fills it from (null: listed in full here).</summary>
    private static void Select(Builder h, string cell, string name, string id, string form, string labelStart, string encodedDescription, string? options, string none)
    {
        h.Raw("<select id=\"").Raw(cell).Raw("-").Raw(id).Raw("\" name=\"").Raw(name).Raw("\" form=\"").Raw(form)
            .Raw("\" class=\"form-select form-select-sm\" data-role=\"").Raw(cell).Raw("\" aria-label=\"").Raw(labelStart).Raw(encodedDescription).Raw("\"");
        if (options is not null) h.Raw(" data-options=\"").Raw(options).Raw("\"");
        h.Raw("><option value=\"\">").Raw(none).Raw("</option>");
    }

    private readonly struct Builder(TextWriter writer, HtmlEncoder encoder)
    {
        public string Encode(string value) => encoder.Encode(value);

        public Builder Raw(string value)
        {
            writer.Write(value);
            return this;
        }

        public Builder Text(string value)
        {
            encoder.Encode(writer, value);
            return this;
        }

        /// <summary>An attribute with a value, left out for null (as Razor does).</summary>
        public Builder Attr(string name, int? value) =>
            value is { } v ? Raw(" ").Raw(name).Raw("=\"").Raw(v.ToString(CultureInfo.InvariantCulture)).Raw("\"") : this;

        public Builder Option(int value, string text, bool selected) =>
            Raw("<option value=\"").Raw(value.ToString(CultureInfo.InvariantCulture)).Raw(selected ? "\" selected=\"selected\">" : "\">").Text(text).Raw("</option>");
    }
}
