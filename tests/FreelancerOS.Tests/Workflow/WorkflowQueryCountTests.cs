using AngleSharp.Dom;
using System.Data.Common;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Workflow.WorkflowSteps;

namespace FreelancerOS.Tests.Workflow;

/// <summary>Counts the SQL statements the app sends, so a page can be shown to use a fixed number whatever its rows.</summary>
public sealed class CountingApp : TestApp
{
    public sealed class Counter : DbCommandInterceptor
    {
        private int _count;
        public int Count => _count;
        public void Reset() => Interlocked.Exchange(ref _count, 0);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _count);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }
    }

    public Counter Commands { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services => services.ConfigureDbContext<SqliteAppDbContext>(o => o.AddInterceptors(Commands)));
    }
}

public sealed class WorkflowQueryCountTests(CountingApp app) : IClassFixture<CountingApp>
{
    [Fact]
    public async Task GridPage_UsesTheSameNumberOfStatements_ForFewAndManyRows()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var clientId = await CreateClientAsync(client, "Counted Co");
        var projectId = await CreateProjectAsync(app, userId, clientId, "Counted project");
        await CreateIncomeAsync(app, client, userId, "Counted 0", 10m, mode: "Bank");
        await client.GetPageAsync("/workflow");

        app.Commands.Reset();
        await client.GetPageAsync("/workflow");
        var few = app.Commands.Count;

        for (var k = 1; k <= 12; k++)
        {
            var id = await CreateIncomeAsync(app, client, userId, $"Counted {k}", 10m + k, mode: k % 2 == 0 ? "Bank" : null);
            if (k % 3 == 0) await SetCellAsync(client, id, "project", projectId.ToString());
        }
        await CreateDraftAsync(client, clientId);
        app.Commands.Reset();
        var page = await client.GetPageAsync("/workflow");
        Assert.Equal(13, page.QuerySelectorAll("[data-role=workflow-row]").Length);
        Assert.Equal(few, app.Commands.Count);
        Assert.True(few is > 3 and <= 10, $"{few} statements for one page of the grid");
    }

    [Fact]
    public async Task Lists_UseTheSameNumberOfStatements_ForFewAndManyClientsProjectsAndInvoices()
    {
        var client = await app.SignedInClientAsync();
        var userId = await UserIdAsync(app, client.Email!);
        var first = await CreateClientAsync(client, "Listed Co 0");
        await CreateProjectAsync(app, userId, first, "Listed project 0");
        await CreateIncomeAsync(app, client, userId, "Listed income", 10m);
        var lists = (await client.GetPageAsync("/workflow")).QuerySelector("#workflow-grid")!.GetAttribute("data-lists-url")!;
        await client.GetPageAsync(lists);

        app.Commands.Reset();
        await client.GetPageAsync(lists);
        var few = app.Commands.Count;

        for (var k = 1; k <= 6; k++)
        {
            var other = await CreateClientAsync(client, $"Listed Co {k}");
            await CreateProjectAsync(app, userId, other, $"Listed project {k}");
            await CreateDraftAsync(client, other);
        }
        app.Commands.Reset();
        var page = await client.GetPageAsync("/workflow/lists?scope=all");
        Assert.Equal(7, page.QuerySelector<AngleSharp.Html.Dom.IHtmlTemplateElement>("template#workflow-projects")!.Content.QuerySelectorAll("option").Length);
        Assert.Equal(few, app.Commands.Count);
        Assert.True(few <= 4, $"{few} statements for the grid's lists");
    }
}
