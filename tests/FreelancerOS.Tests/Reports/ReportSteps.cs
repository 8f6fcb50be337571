using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Invoices;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Reports;

/// <summary>Issued invoices and payments for the report tests, through the real forms.</summary>
internal static class ReportSteps
{
    /// <summary>A draft with one line, issued (with the exchange rate when the client bills in another currency); returns its id.</summary>
    public static async Task<int> IssuedAsync(AppClient client, int clientId, string amount, string issueDate, string dueDate,
        string? taxRate = null, string quantity = "1", string? rate = null)
    {
        var id = AppClient.IdFromRedirect(await PostDraftAsync(client, clientId, [("Work", quantity, amount)], taxRate: taxRate, issueDate: issueDate, dueDate: dueDate));
        var page = await client.GetPageAsync($"/invoices/details/{id}");
        var values = rate is null ? null : new Dictionary<string, string> { ["exchangeRate"] = rate };
        var response = await client.SubmitAsync(page, $"form[action='/invoices/issue/{id}']", values);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return id;
    }

    public static async Task PayAsync(AppClient client, int invoiceId, string amount, string date)
    {
        var response = await InvoicePaymentTests.PayAsync(client, invoiceId, "Bank", amount, date);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static string Cell(IDocument page, string selector) =>
        page.QuerySelector(selector)?.TextContent.Trim() ?? throw new InvalidOperationException($"No '{selector}' on {page.Url}");

    public static async Task<string> CsvAsync(AppClient client, string url)
    {
        var response = await client.Http.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        return (await response.Content.ReadAsStringAsync()).Replace("\r\n", "\n");
    }

    /// <summary>One CSV line's fields (quoted fields may hold commas and doubled quotes).</summary>
    public static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var k = 0; k < line.Length; k++)
        {
            var c = line[k];
            if (quoted && c == '"' && k + 1 < line.Length && line[k + 1] == '"') { field.Append('"'); k++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
