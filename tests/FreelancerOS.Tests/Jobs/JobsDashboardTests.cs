using System.Net;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Jobs;

public sealed class JobsDashboardTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Jobs_IsTheAdministratorsOnly_AndOthersGet404()
    {
        // Before any account exists, and for anyone not signed in: the page does not exist.
        var anonymous = app.NewClient();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/jobs")).StatusCode);

        var administrator = await app.SignedInClientAsync();
        var second = await app.SignedInClientAsync();
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.Http.GetAsync("/jobs/recurring")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync("/jobs")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync("/jobs/recurring")).StatusCode);

        var dashboard = await administrator.Http.GetAsync("/jobs/recurring");
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
        var page = await AppClient.ParseAsync(dashboard);
        Assert.Contains("mark-overdue-invoices", page.Body!.TextContent);

        // It works under the app's Content-Security-Policy: every script and stylesheet is a file of
        // this origin (no inline script, no <style> element), and each of them loads.
        Assert.Contains("script-src 'self'", dashboard.Headers.GetValues("Content-Security-Policy").Single());
        Assert.All(page.QuerySelectorAll("script"), s => Assert.False(string.IsNullOrEmpty(s.GetAttribute("src")), "An inline script: " + s.TextContent));
        Assert.Empty(page.QuerySelectorAll("style"));
        var assets = page.QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!)
            .Concat(page.QuerySelectorAll("link[rel=stylesheet]").Select(l => l.GetAttribute("href")!)).ToList();
        Assert.NotEmpty(assets);
        foreach (var asset in assets)
        {
            Assert.StartsWith("/jobs/", asset);
            Assert.Equal(HttpStatusCode.OK, (await administrator.Http.GetAsync(asset)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await second.Http.GetAsync(asset)).StatusCode);
        }
    }
}
