using System.Net;
using AngleSharp.Dom;
using FreelancerOS.Tests.Infrastructure;

namespace FreelancerOS.Tests.Account;

public sealed class FirstRunTests(ClosedRegistrationApp app) : IClassFixture<ClosedRegistrationApp>
{
    [Fact]
    public async Task Register_FirstAccount_ThenRegistrationIsClosed()
    {
        var first = app.NewClient();
        await first.RegisterAsync("owner@example.com");
        var dashboard = await first.GetPageAsync("/");
        Assert.Contains("Dashboard", dashboard.Title);

        var stranger = app.NewClient();
        var page = await stranger.GetPageAsync("/account/register");
        Assert.Contains("Registration is closed", page.Body!.TextContent);
        Assert.Null(page.QuerySelector("form[action='/account/register']"));

        // Posting the form directly does not create an account either.
        var login = await stranger.GetPageAsync("/account/login");
        var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var response = await stranger.Http.PostAsync("/account/register", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["Email"] = "intruder@example.com",
            ["Password"] = "Correct-horse-42", ["ConfirmPassword"] = "Correct-horse-42", ["HomeCurrency"] = "EUR",
        }));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Registration is closed", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await stranger.LoginAsync("intruder@example.com")).StatusCode); // login page again, not signed in
        Assert.Equal(1, await app.WithDbAsync(db => Task.FromResult(db.Users.Count())));
    }
}

public sealed class AccountTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Get_AnonymousPage_RedirectsToSignIn()
    {
        var client = app.NewClient();
        foreach (var url in new[] { "/", "/clients", "/settings", "/clients/details/1" })
        {
            var response = await client.Http.GetAsync(url);
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.StartsWith("/account/login", response.Headers.Location!.AbsolutePath);
        }
    }

    [Fact]
    public async Task Get_HealthAndStaticFiles_AreAnonymous()
    {
        var client = app.NewClient();
        var health = await client.Http.GetAsync("/healthz");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/js/site.js")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/lib/htmx/htmx.min.js")).StatusCode);
    }

    [Fact]
    public async Task Post_SignInAndOut_Works()
    {
        var client = await app.SignedInClientAsync("sign-in@example.com");
        var home = await client.GetPageAsync("/");
        var logout = await client.SubmitAsync(home, "form[action='/account/logout']");
        Assert.Equal(HttpStatusCode.Redirect, logout.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.GetAsync("/")).StatusCode);

        var wrong = await client.LoginAsync("sign-in@example.com", "Wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("not right", await wrong.Content.ReadAsStringAsync());

        var right = await client.LoginAsync("sign-in@example.com");
        Assert.Equal(HttpStatusCode.Redirect, right.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.Http.GetAsync("/")).StatusCode);
    }

    [Fact]
    public async Task Post_RepeatedWrongPasswords_LocksTheAccount()
    {
        await (await app.SignedInClientAsync("lockout@example.com")).Http.GetAsync("/");
        var client = app.NewClient();
        for (var i = 0; i < 5; i++) await client.LoginAsync("lockout@example.com", "Wrong-password-1");
        var response = await client.LoginAsync("lockout@example.com");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("locked", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Post_RegisterWithBadInput_ShowsFieldErrors()
    {
        var client = app.NewClient();
        var page = await client.GetPageAsync("/account/register");
        var response = await client.SubmitAsync(page, "form[action='/account/register']", new Dictionary<string, string>
        {
            ["Email"] = "not-an-email", ["Password"] = "short", ["ConfirmPassword"] = "other", ["HomeCurrency"] = "XYZ",
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var form = await AppClient.ParseAsync(response);
        Assert.NotEmpty(AppClient.FieldError(form, "Email"));
        Assert.NotEmpty(AppClient.FieldError(form, "Password"));
        Assert.NotEmpty(AppClient.FieldError(form, "ConfirmPassword"));
        Assert.NotEmpty(AppClient.FieldError(form, "HomeCurrency"));
        Assert.Equal("not-an-email", form.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input[name=Email]")!.Value);
    }

    [Fact]
    public async Task Post_ChangePassword_NewPasswordWorks()
    {
        var client = await app.SignedInClientAsync("change-pw@example.com");
        var page = await client.GetPageAsync("/account/changepassword");
        var bad = await client.SubmitAsync(page, "form[action='/account/changepassword']", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Wrong-password-1", ["NewPassword"] = "Another-horse-43", ["ConfirmPassword"] = "Another-horse-43",
        });
        Assert.Equal(HttpStatusCode.OK, bad.StatusCode);
        Assert.NotEmpty(AppClient.FieldError(await AppClient.ParseAsync(bad), "CurrentPassword"));

        var ok = await client.SubmitAsync(page, "form[action='/account/changepassword']", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Correct-horse-42", ["NewPassword"] = "Another-horse-43", ["ConfirmPassword"] = "Another-horse-43",
        });
        Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        var fresh = app.NewClient();
        Assert.Equal(HttpStatusCode.Redirect, (await fresh.LoginAsync("change-pw@example.com", "Another-horse-43")).StatusCode);
    }

    [Fact]
    public async Task Post_WithoutAntiforgeryToken_IsRefused()
    {
        var client = await app.SignedInClientAsync();
        var response = await client.Http.PostAsync("/clients/create", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Name"] = "No token Ltd", ["Currency"] = "EUR", ["ContractValue"] = "100",
        }));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, await app.WithDbAsync(db => Task.FromResult(db.Clients.IgnoreQueryFiltersCount())));
    }

    [Fact]
    public async Task Get_Page_SendsSecurityHeaders()
    {
        var response = await app.NewClient().Http.GetAsync("/account/login");
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self'", csp);
        var scriptSrc = csp.Split(';').Select(d => d.Trim()).Single(d => d.StartsWith("script-src "));
        Assert.DoesNotContain("unsafe", scriptSrc);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.True(response.Headers.Contains("Referrer-Policy"));
    }

    [Fact]
    public async Task Get_UnknownPage_IsAFriendly404()
    {
        var client = await app.SignedInClientAsync();
        var page = await client.GetPageAsync("/no/such/page", HttpStatusCode.NotFound);
        Assert.Contains("Not found", page.Body!.TextContent);
        Assert.Contains("request id", page.Body!.TextContent);
    }

    [Fact]
    public async Task Get_EveryNavigationLink_Answers()
    {
        var client = await app.SignedInClientAsync();
        var home = await client.GetPageAsync("/");
        var links = home.QuerySelectorAll("nav a[href^='/']").Select(a => a.GetAttribute("href")!).Distinct().ToList();
        Assert.True(links.Count >= 14, $"only {links.Count} links");
        foreach (var link in links)
        {
            var response = await client.Http.GetAsync(link);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{link}: {response.StatusCode}");
        }
    }
}
