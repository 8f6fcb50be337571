using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Ledger;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Invoices;

/// <summary>Amounts a user can type never overflow a PostgreSQL numeric column: they get a message beside the field.</summary>
public sealed class PostgresAmountBoundsTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task HugeLine_OnPostgres_IsAValidationMessage_NotAServerError()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Huge Ltd");

        var response = await PostDraftAsync(client, clientId, [("Everything", "1000000", "1000000000")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Contains("too large", AppClient.FieldError(page, "Lines[0].UnitPrice"));
        Assert.Equal("1000000", page.QuerySelector("input[name='Lines[0].Quantity']")!.GetAttribute("value"));
        Assert.Equal(0, await app.WithDbAsync(db => db.Invoices.CountAsync(), userId));

        // The largest line allowed saves and issues on PostgreSQL.
        var id = await CreateDraftAsync(client, clientId, ("Largest", "1", "9000000000"));
        await IssueAsync(client, id);
        Assert.Equal(9_000_000_000m, await app.WithDbAsync(db => db.Invoices.Where(i => i.Id == id).Select(i => i.Total).SingleAsync(), userId));
    }

    [Fact]
    public async Task HugeFlatService_OnPostgres_IsAValidationMessage_NotALineThatOverflows()
    {
        var client = await app.SignedInClientAsync();
        var clientId = await CreateClientAsync(client, "Huge Service Ltd");
        var project = await FreelancerOS.Tests.Projects.Work.ProjectAsync(client, clientId, "Huge");
        var form = await client.GetPageAsync($"/services/create?projectId={project}");
        var response = await client.SubmitAsync(form, "form[action='/services/create']", new Dictionary<string, string>
        {
            ["Name"] = "Everything", ["ProjectId"] = project.ToString(), ["Pricing"] = "Flat", ["Rate"] = "1000000000", ["Quantity"] = "1000000",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Rate × quantity is too large", AppClient.FieldError(await AppClient.ParseAsync(response), "Rate"));
    }
}
