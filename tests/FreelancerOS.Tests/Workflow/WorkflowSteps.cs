using System.Globalization;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Domain;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Workflow;

/// <summary>The workflow grid's steps, each through the real pages: the ledger form for incomes, the grid's cell forms for links.</summary>
internal static class WorkflowSteps
{
    /// <summary>A client income typed in the ledger (classified Client by default); received when a payment mode is named.</summary>
    public static async Task<int> CreateIncomeAsync(TestApp app, AppClient client, string userId, string description, decimal amount,
        string date = "2026-11-10", string currency = "EUR", string? mode = null, string? rate = null)
    {
        var form = await client.GetPageAsync("/ledger/create?kind=income");
        var values = new Dictionary<string, string>
        {
            ["Description"] = description, ["Amount"] = amount.ToString(CultureInfo.InvariantCulture), ["Date"] = date, ["Currency"] = currency,
        };
        if (rate is not null) values["ExchangeRate"] = rate;
        if (mode is not null) values["PaymentModeId"] = Invoices.InvoicePaymentTests.Option(form, "PaymentModeId", mode);
        var response = await client.SubmitAsync(form, "#entry-form", values);
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        return await app.WithDbAsync(db => db.Incomes.Where(i => i.Description == description).Select(i => i.Id).SingleAsync(), userId);
    }

    public static async Task<int> CreateProjectAsync(TestApp app, string userId, int clientId, string name) =>
        await app.WithDbAsync(async db =>
        {
            var project = new Project { Name = name, ClientId = clientId };
            db.Projects.Add(project);
            await db.SaveChangesAsync();
            return project.Id;
        }, userId);

    /// <summary>
    /// Changes one cell of the income's row on the grid (cell: invoice, client, project, service, mode) to the value,
    /// by posting that cell's form as htmx does (or as a plain form post when <paramref name="htmx"/> is false).
    /// </summary>
    public static async Task<HttpResponseMessage> SetCellAsync(AppClient client, int incomeId, string cell, string value, bool htmx = true,
        string gridUrl = "/workflow", Action<List<KeyValuePair<string, string>>>? tamper = null)
    {
        var page = await client.GetPageAsync(gridUrl);
        return await SetCellAsync(client, page, incomeId, cell, value, htmx, tamper);
    }

    public static async Task<HttpResponseMessage> SetCellAsync(AppClient client, IDocument page, int incomeId, string cell, string value, bool htmx = true,
        Action<List<KeyValuePair<string, string>>>? tamper = null, bool sendListsScope = false)
    {
        var select = page.QuerySelector<IHtmlSelectElement>($"#{cell}-{incomeId}")
                     ?? throw new InvalidOperationException($"No {cell} cell for income {incomeId} on {page.Url}.");
        // The row's selects belong to its one form through their form attribute.
        var form = select.Form ?? (IHtmlFormElement)select.Closest("form")!;
        var fields = RowFormFields(page, form).Where(f => f.Key != select.Name).ToList();
        fields.Add(new(select.Name!, value));
        tamper?.Invoke(fields);
        if (htmx)
        {
            var request = new HttpRequestMessage(HttpMethod.Post, form.GetAttribute("action"))
            {
                Content = new FormUrlEncodedContent(fields.Where(f => f.Key != "__RequestVerificationToken")),
            };
            request.Headers.Add("HX-Request", "true");
            request.Headers.Add("HX-Current-URL", "http://localhost" + new Uri(page.Url).PathAndQuery);
            request.Headers.Add("RequestVerificationToken", page.QuerySelector("meta[name=csrf-token]")!.GetAttribute("content"));
            if (sendListsScope) // as htmx does from the grid's hx-headers
            {
                var headers = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(select.Closest("[hx-headers]")!.GetAttribute("hx-headers")!)!;
                foreach (var (name, header) in headers) request.Headers.Add(name, header);
            }
            return await client.Http.SendAsync(request);
        }
        return await client.Http.PostAsync(form.GetAttribute("action"), new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Clicks the row's "New draft invoice" as a browser without script does: the button belongs to the row's form (its
    /// form attribute), so the form's fields, token included, and the selects that join it go to the button's formaction.
    /// </summary>
    public static async Task<HttpResponseMessage> NewDraftAsync(AppClient client, IDocument page, int incomeId)
    {
        var button = page.QuerySelector<IHtmlButtonElement>($"#row-{incomeId} button[data-role=new-draft]")
                     ?? throw new InvalidOperationException($"No 'New draft invoice' button for income {incomeId} on {page.Url}.");
        Assert.Equal("submit", button.Type);
        var form = page.QuerySelector<IHtmlFormElement>($"#{button.GetAttribute("form")}")
                   ?? throw new InvalidOperationException($"The 'New draft invoice' button of income {incomeId} belongs to no form.");
        return await client.Http.PostAsync(button.GetAttribute("formaction"), new FormUrlEncodedContent(RowFormFields(page, form)));
    }

    /// <summary>
    /// What a browser sends for a row's form: its own fields (token, version, return address) and the row's selects, which
    /// join it by their form attribute (AngleSharp's form data leaves those out: added as a browser does).
    /// </summary>
    private static List<KeyValuePair<string, string>> RowFormFields(IDocument page, IHtmlFormElement form)
    {
        var fields = AppClient.FormFields(form);
        foreach (var joined in page.QuerySelectorAll<IHtmlSelectElement>($"select[form='{form.Id}']"))
            if (fields.All(f => f.Key != joined.Name)) fields.Add(new(joined.Name!, joined.Value ?? ""));
        return fields;
    }

    /// <summary>A payment mode's id, from the grid's shared list of modes (its rows' selects hold only their current mode).</summary>
    public static string ModeId(IDocument page, string name) =>
        page.QuerySelector<IHtmlTemplateElement>("template#workflow-modes") is { } modes
            ? modes.Content.QuerySelectorAll("option").First(o => o.TextContent.Trim() == name).GetAttribute("value")!
            : Invoices.InvoicePaymentTests.Option(page, "PaymentModeId", name);

    public static Task<Income> IncomeAsync(TestApp app, string userId, int id) =>
        app.WithDbAsync(db => db.Incomes.AsNoTracking().SingleAsync(i => i.Id == id), userId);

    public static Task<Invoice> InvoiceAsync(TestApp app, string userId, int id) =>
        app.WithDbAsync(db => db.Invoices.AsNoTracking().Include(i => i.Lines).SingleAsync(i => i.Id == id), userId);

    public static Task<List<Income>> LinkedAsync(TestApp app, string userId, int invoiceId) =>
        app.WithDbAsync(db => db.Incomes.AsNoTracking().Where(i => i.InvoiceId == invoiceId).OrderBy(i => i.Id).ToListAsync(), userId);

    public static async Task<string> RowMessageAsync(HttpResponseMessage response) =>
        (await AppClient.ParseAsync(response)).QuerySelector("[data-role=row-message]")?.TextContent.Trim() ?? "";
}
