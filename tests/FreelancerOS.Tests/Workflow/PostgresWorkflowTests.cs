using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Ledger;
using FreelancerOS.Web.Domain;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Workflow.WorkflowSteps;

namespace FreelancerOS.Tests.Workflow;

/// <summary>The workflow grid on PostgreSQL (the server set-up): its filters and per-currency totals translate, and links keep the totals.</summary>
public sealed class PostgresWorkflowTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task Workflow_OnPostgres_GridTotalsFilters_AndLinkingToDraftAndIssuedInvoice()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Postgres Workflow Co");
        var issued = await CreateDraftAsync(client, clientId, ("Design", "1", "300"));
        await IssueAsync(client, issued);
        var draft = await CreateDraftAsync(client, clientId, ("Hosting", "1", "20"));
        var received = await CreateIncomeAsync(app, client, userId, "PG bank payment", 120.5m, mode: "Bank");
        var toDraft = await CreateIncomeAsync(app, client, userId, "PG promised", 30m);

        var page = await client.GetPageAsync("/workflow?unlinked=true&q=pg");
        Assert.Equal(2, page.QuerySelectorAll("[data-role=workflow-row]").Length);
        Assert.Equal("150.50 EUR", page.QuerySelector("[data-role=total][data-currency=EUR] strong")!.TextContent.Trim());

        Assert.Equal("", await RowMessageAsync(await SetCellAsync(client, received, "invoice", issued.ToString())));
        Assert.Equal("", await RowMessageAsync(await SetCellAsync(client, toDraft, "invoice", draft.ToString())));
        var invoice = await InvoiceAsync(app, userId, issued);
        Assert.Equal(120.5m, invoice.AmountPaid);
        Assert.Equal(300m, (await LinkedAsync(app, userId, issued)).Sum(i => i.Amount));
        Assert.Equal(50m, (await InvoiceAsync(app, userId, draft)).Total);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/workflow?period=year&received=no&client=" + clientId)).StatusCode);
    }
}
