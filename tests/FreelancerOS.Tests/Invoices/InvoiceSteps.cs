using AngleSharp.Dom;
using System.Net;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Invoices;

/// <summary>The steps invoice tests repeat, each through the real pages and forms.</summary>
internal static class InvoiceSteps
{
    public static async Task<int> CreateClientAsync(AppClient client, string name, string currency = "EUR")
    {
        var form = await client.GetPageAsync("/clients/create");
        var response = await client.SubmitAsync(form, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = name, ["Currency"] = currency, ["Stage"] = "Client", ["ContractValue"] = "10000",
        });
        return AppClient.IdFromRedirect(response);
    }

    /// <summary>Posts the new-invoice form with the given lines (description, quantity, unit price).</summary>
    public static async Task<HttpResponseMessage> PostDraftAsync(AppClient client, int clientId, IEnumerable<(string Description, string Quantity, string UnitPrice)> lines,
        string? taxRate = null, string issueDate = "2026-11-22", string? dueDate = null, string? notes = null, bool forged = false)
    {
        var page = await client.GetPageAsync($"/invoices/create?clientId={clientId}");
        var values = new Dictionary<string, string> { ["ClientId"] = clientId.ToString(), ["IssueDate"] = issueDate };
        values["DueDate"] = dueDate ?? "";
        if (taxRate is not null) values["TaxRate"] = taxRate;
        if (notes is not null) values["Notes"] = notes;
        var k = 0;
        foreach (var (description, quantity, unitPrice) in lines)
        {
            values[$"Lines[{k}].Description"] = description;
            values[$"Lines[{k}].Quantity"] = quantity;
            values[$"Lines[{k}].UnitPrice"] = unitPrice;
            k++;
        }
        AddLineRows(page, k);
        return forged
            ? await client.SubmitForgedAsync(page, "form[action='/invoices/create']", values)
            : await client.SubmitAsync(page, "form[action='/invoices/create']", values);
    }

    /// <summary>
    /// Presses "+ Add a line" until the invoice form has <paramref name="rows"/> line rows: what invoices.js
    /// does in the browser (the last row copied, renumbered and emptied).
    /// </summary>
    public static void AddLineRows(AngleSharp.Dom.IDocument page, int rows)
    {
        Assert.NotNull(page.QuerySelector("[data-add-invoice-line]"));
        var body = page.QuerySelector("[data-role=line-rows]")!;
        while (body.QuerySelectorAll(".invoice-line-row").Length < rows)
        {
            var existing = body.QuerySelectorAll(".invoice-line-row");
            var index = existing.Length;
            var copy = (AngleSharp.Dom.IElement)existing[^1].Clone(deep: true);
            foreach (var element in copy.QuerySelectorAll("input, label, span"))
            {
                foreach (var attribute in new[] { "name", "id", "for", "data-valmsg-for" })
                {
                    if (element.GetAttribute(attribute) is { Length: > 0 } value)
                        element.SetAttribute(attribute, System.Text.RegularExpressions.Regex.Replace(value, @"Lines(\[|_)\d+", $"Lines${{1}}{index}"));
                }
                if (element is AngleSharp.Html.Dom.IHtmlInputElement input) input.Value = "";
                if (element.LocalName == "span") element.TextContent = "";
            }
            body.AppendChild(copy);
        }
    }

    public static async Task<int> CreateDraftAsync(AppClient client, int clientId, params (string, string, string)[] lines)
    {
        var response = await PostDraftAsync(client, clientId, lines.Length == 0 ? [("Consulting", "1", "100")] : lines);
        return AppClient.IdFromRedirect(response);
    }

    /// <summary>Issues the draft from its page; an invoice in another currency than the account's asks a rate, and gets 0.9.</summary>
    public static async Task IssueAsync(AppClient client, int invoiceId)
    {
        var page = await client.GetPageAsync($"/invoices/details/{invoiceId}");
        var rate = page.QuerySelector("input[name=exchangeRate]") is null ? null : new Dictionary<string, string> { ["exchangeRate"] = "0.9" };
        var response = await client.SubmitAsync(page, $"form[action='/invoices/issue/{invoiceId}']", rate);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<string> UserIdAsync(TestApp app, string email) =>
        await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
}

/// <summary>Billing unbilled work through the real invoice form: tick the boxes a user would tick.</summary>
internal static class BillingSteps
{
    public static async Task<AngleSharp.Dom.IDocument> NewInvoicePageAsync(AppClient client, int clientId, string? from = null, string? to = null)
    {
        var query = $"/invoices/create?clientId={clientId}";
        if (from is not null) query += $"&from={from}";
        if (to is not null) query += $"&to={to}";
        return await client.GetPageAsync(query);
    }

    public static void Tick(AngleSharp.Dom.IDocument page, params string[] selectors)
    {
        foreach (var selector in selectors)
        {
            var box = page.QuerySelector(selector) as AngleSharp.Html.Dom.IHtmlInputElement
                      ?? throw new InvalidOperationException($"No checkbox '{selector}' on {page.Url}.");
            box.IsChecked = true;
        }
    }

    /// <summary>Opens the new-invoice page for the client (and dates), ticks the selectors, and saves the draft.</summary>
    public static async Task<HttpResponseMessage> PostDraftWithWorkAsync(AppClient client, int clientId, string[] tick,
        string? from = null, string? to = null, Dictionary<string, string>? values = null)
    {
        var page = await NewInvoicePageAsync(client, clientId, from, to);
        Tick(page, tick);
        values ??= [];
        values.TryAdd("IssueDate", "2026-11-22");
        return await client.SubmitAsync(page, "form[action='/invoices/create']", values);
    }

    /// <summary>A draft that bills the given items; returns its id.</summary>
    public static async Task<int> BillAsync(AppClient client, int clientId, params string[] tick) =>
        AppClient.IdFromRedirect(await PostDraftWithWorkAsync(client, clientId, tick));
}
