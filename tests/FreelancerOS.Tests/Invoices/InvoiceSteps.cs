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
        string? taxRate = null, string issueDate = "2026-11-22", string? dueDate = null, string? notes = null)
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
        return await client.SubmitAsync(page, "form[action='/invoices/create']", values);
    }

    public static async Task<int> CreateDraftAsync(AppClient client, int clientId, params (string, string, string)[] lines)
    {
        var response = await PostDraftAsync(client, clientId, lines.Length == 0 ? [("Consulting", "1", "100")] : lines);
        return AppClient.IdFromRedirect(response);
    }

    public static async Task IssueAsync(AppClient client, int invoiceId)
    {
        var page = await client.GetPageAsync($"/invoices/details/{invoiceId}");
        var response = await client.SubmitAsync(page, $"form[action='/invoices/issue/{invoiceId}']");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    public static async Task<string> UserIdAsync(TestApp app, string email) =>
        await app.WithDbAsync(db => Task.FromResult(db.Users.Single(u => u.Email == email).Id));
}
