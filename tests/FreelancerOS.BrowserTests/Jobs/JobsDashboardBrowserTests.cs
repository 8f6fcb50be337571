using FreelancerOS.BrowserTests.Infrastructure;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace FreelancerOS.BrowserTests.Jobs;

[Collection(BrowserCollection.Name)]
public sealed class JobsDashboardBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Dashboard_RunsUnderTheAppsContentSecurityPolicy_WithoutConsoleErrors()
    {
        // An app of its own: the administrator is the first account of the instance.
        await using var app = new TestApp();
        app.UseKestrel(0);
        app.StartServer();
        var baseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()
            .Replace("[::]", "127.0.0.1").Replace("localhost", "127.0.0.1").TrimEnd('/');
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUrl, Locale = "en-GB" });
        context.SetDefaultTimeout(15_000);
        await using var session = new BrowserSession(context, await context.NewPageAsync());
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/jobs");
        await Assertions.Expect(page).ToHaveTitleAsync(new System.Text.RegularExpressions.Regex("FreelancerOS jobs"));
        await page.GotoAsync("/jobs/recurring");
        await Assertions.Expect(page.GetByText("mark-overdue-invoices")).ToBeVisibleAsync();
        await page.GotoAsync("/jobs/jobs/succeeded");
        await page.WaitForTimeoutAsync(2500); // the dashboard's own polling runs at least once
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
