using System.Net;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;

namespace FreelancerOS.Tests.DailyUse;

/// <summary>A fresh install of its own: no account exists until the test makes one.</summary>
public sealed class FreshInstallApp : TestApp;

public sealed class FirstRunTests(FreshInstallApp app) : IClassFixture<FreshInstallApp>
{
    [Fact]
    public async Task FreshInstall_SendsTheVisitorToCreateTheFirstAccount_ThenAChecklistUntilDone()
    {
        var visitor = app.NewClient();
        var home = await visitor.Http.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, home.StatusCode);
        Assert.Equal("/account/register", home.Headers.Location!.OriginalString);
        var register = await visitor.GetPageAsync("/account/register");
        Assert.NotNull(register.QuerySelector("form[action='/account/register']"));

        await visitor.RegisterAsync("first@example.com");
        var dashboard = await visitor.GetPageAsync("/");
        var steps = dashboard.QuerySelector("[data-role=first-steps]")!;
        Assert.Equal(["business", "rate", "client", "project"], steps.QuerySelectorAll("[data-step]").Select(s => s.GetAttribute("data-step")!).ToList());
        Assert.All(steps.QuerySelectorAll("[data-step]"), s => Assert.Equal("false", s.GetAttribute("data-done")));
        Assert.Equal(["/settings#BusinessName", "/settings#DefaultHourlyRate", "/clients/create", "/projects/create"],
            steps.QuerySelectorAll("[data-step] a").Select(a => a.GetAttribute("href")!).ToList());

        var clientId = await Work.ClientAsync(visitor, "First client");
        steps = (await visitor.GetPageAsync("/")).QuerySelector("[data-role=first-steps]")!;
        Assert.Equal("true", steps.QuerySelector("[data-step=client]")!.GetAttribute("data-done"));
        Assert.Null(steps.QuerySelector("[data-step=client] a"));

        await Work.ProjectAsync(visitor, clientId, "First project");
        var settings = await visitor.GetPageAsync("/settings");
        await visitor.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["BusinessName"] = "Me Ltd", ["DefaultHourlyRate"] = "80" });
        Assert.Null((await visitor.GetPageAsync("/")).QuerySelector("[data-role=first-steps]"));

        // Once an account exists, a visitor is asked to sign in as before.
        var stranger = app.NewClient();
        var later = await stranger.Http.GetAsync("/");
        Assert.Contains("/account/login", later.Headers.Location!.ToString());
    }
}
