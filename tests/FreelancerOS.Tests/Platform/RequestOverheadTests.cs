using System.Net;
using FreelancerOS.Tests.Goals;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Platform;

/// <summary>
/// What every signed-in request pays before the page's own work: the sign-in check (security stamp and the
/// account's settings in one statement) and the top bar's running timer; and that the check still ends other
/// sessions at once and picks up a culture changed elsewhere.
/// </summary>
public sealed class RequestOverheadTests(CommandCountingApp app) : IClassFixture<CommandCountingApp>
{
    private async Task<int> StatementsForAsync(AppClient client, string url)
    {
        await client.GetPageAsync(url); // a first visit may create defaults
        app.Counter.Reset();
        await client.GetPageAsync(url);
        return app.Counter.Count;
    }

    [Fact]
    public async Task SignedInPages_PayTwoStatementsBeforeTheirOwn()
    {
        var client = await app.SignedInClientAsync();
        // The change-password form reads nothing itself: what it runs is the overhead of every page.
        var overhead = await StatementsForAsync(client, "/account/changepassword");
        Assert.True(overhead <= 2, $"{overhead} statements:\n{string.Join("\n---\n", app.Counter.Statements)}");
        var calendar = await StatementsForAsync(client, "/calendar");
        Assert.True(calendar <= 3, $"/calendar: {calendar} statements:\n{string.Join("\n---\n", app.Counter.Statements)}");
    }

    [Fact]
    public async Task SigningOut_EndsTheSessionInEveryOtherBrowser_AtItsNextRequest()
    {
        var first = await app.SignedInClientAsync("two-browsers@example.com");
        var second = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync("two-browsers@example.com")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/calendar")).StatusCode);

        var home = await first.GetPageAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(home, "form[action='/account/logout']")).StatusCode);

        var after = await second.Http.GetAsync("/calendar");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.Contains("/account/login", after.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task ChangingThePassword_KeepsThisBrowserSignedIn_AndEndsTheOthers()
    {
        var first = await app.SignedInClientAsync("password-elsewhere@example.com");
        var second = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync("password-elsewhere@example.com")).StatusCode);

        var form = await first.GetPageAsync("/account/changepassword");
        var changed = await first.SubmitAsync(form, "form[action='/account/changepassword']", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Correct-horse-42", ["NewPassword"] = "Another-horse-43", ["ConfirmPassword"] = "Another-horse-43",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await first.Http.GetAsync("/calendar")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.Http.GetAsync("/calendar")).StatusCode);
    }

    [Fact]
    public async Task ACultureChangedInOneBrowser_AppliesInTheOther_AtItsNextRequest()
    {
        var first = await app.SignedInClientAsync("culture-elsewhere@example.com");
        var second = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync("culture-elsewhere@example.com")).StatusCode);
        var create = await first.GetPageAsync("/clients/create");
        var id = AppClient.IdFromRedirect(await first.SubmitAsync(create, "form[action='/clients/create']", new Dictionary<string, string>
        {
            ["Name"] = "Kunde GmbH", ["ContractValue"] = "12000.50",
        }));
        Assert.Contains("12,000.50", (await second.GetPageAsync($"/clients/details/{id}")).QuerySelector("[data-role=contract]")!.TextContent);

        var settings = await first.GetPageAsync("/settings");
        Assert.Equal(HttpStatusCode.Redirect, (await first.SubmitAsync(settings, "form[action='/settings']", new Dictionary<string, string> { ["Culture"] = "de-DE" })).StatusCode);

        Assert.Contains("12.000,50", (await second.GetPageAsync($"/clients/details/{id}")).QuerySelector("[data-role=contract]")!.TextContent);
    }
}
