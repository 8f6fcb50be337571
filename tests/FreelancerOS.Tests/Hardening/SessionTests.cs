using System.Diagnostics;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FreelancerOS.Tests.Hardening;

public sealed class FirstAccountTests(ClosedRegistrationApp app) : IClassFixture<ClosedRegistrationApp>
{
    [Fact]
    public Task TenSimultaneousSignUpsOnAFreshInstall_CreateExactlyOneAccount() => TenSignUpsMakeOneAccountAsync(app);

    internal static async Task TenSignUpsMakeOneAccountAsync(TestApp app)
    {
        var clients = Enumerable.Range(0, 10).Select(_ => app.NewClient()).ToList();
        var pages = await Task.WhenAll(clients.Select(c => c.GetPageAsync("/account/register")));
        var responses = await Task.WhenAll(clients.Select((c, i) => c.SubmitAsync(pages[i], "form[action='/account/register']", new Dictionary<string, string>
        {
            ["Email"] = $"racer{i}@example.com", ["Password"] = "Correct-horse-42", ["ConfirmPassword"] = "Correct-horse-42", ["HomeCurrency"] = "EUR",
        })));
        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.Redirect));
        Assert.All(responses, r => Assert.True((int)r.StatusCode < 500));
        Assert.Equal(1, await app.WithDbAsync(db => db.Users.CountAsync()));
        Assert.Equal(1, await app.WithDbAsync(db => db.Settings.IgnoreQueryFilters().CountAsync()));
    }
}

public sealed class ClosedPostgresApp : FreelancerOS.Tests.Ledger.PostgresTestApp
{
    protected override bool RegistrationOpen => false;
}

public sealed class FirstAccountPostgresTests(ClosedPostgresApp app) : IClassFixture<ClosedPostgresApp>
{
    [Fact]
    public Task TenSimultaneousSignUpsOnAFreshInstall_CreateExactlyOneAccount_OnPostgres() => FirstAccountTests.TenSignUpsMakeOneAccountAsync(app);
}

public sealed class SessionTests(TestApp app) : IClassFixture<TestApp>
{
    private static string? AuthCookie(AppClient client) =>
        client.Http.DefaultRequestHeaders.TryGetValues("Cookie", out var v) ? string.Join(";", v) : null;

    /// <summary>A second browser holding a copy of the first one's sign-in cookie.</summary>
    private AppClient CopyOfSession(HttpResponseMessage signedIn)
    {
        var copy = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        var auth = signedIn.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("FreelancerOS.Auth="));
        copy.DefaultRequestHeaders.Add("Cookie", auth.Split(';')[0]);
        return new AppClient(copy);
    }

    [Fact]
    public async Task SignOut_EndsTheSession_ACookieSavedBeforeNoLongerWorks()
    {
        var email = $"out-{Guid.NewGuid():N}@example.com";
        (await app.SignedInClientAsync(email)).Dispose();
        var browser = app.NewClient();
        var signedIn = await browser.LoginAsync(email);
        var saved = CopyOfSession(signedIn);
        Assert.Equal(HttpStatusCode.OK, (await saved.Http.GetAsync("/clients")).StatusCode);

        var page = await browser.GetPageAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(page, "form[action='/account/logout']")).StatusCode);

        app.Clock.Advance(TimeSpan.FromSeconds(1)); // the stamp is checked on requests after the cookie was issued
        var after = await saved.Http.GetAsync("/clients");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/account/login", after.Headers.Location!.OriginalString.Replace("http://localhost", ""));
    }

    [Fact]
    public async Task ChangingThePassword_SignsOutOtherSessions_ButNotThisOne()
    {
        var email = $"pw-{Guid.NewGuid():N}@example.com";
        (await app.SignedInClientAsync(email)).Dispose();
        var browser = app.NewClient();
        var other = CopyOfSession(await app.NewClient().LoginAsync(email));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LoginAsync(email)).StatusCode);

        var form = await browser.GetPageAsync("/account/changepassword");
        var changed = await browser.SubmitAsync(form, "form[action='/account/changepassword']", new Dictionary<string, string>
        {
            ["CurrentPassword"] = "Correct-horse-42", ["NewPassword"] = "Another-horse-43", ["ConfirmPassword"] = "Another-horse-43",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        app.Clock.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.Http.GetAsync("/clients")).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await other.Http.GetAsync("/clients")).StatusCode);
    }

    [Fact]
    public async Task SignIn_UnknownAndKnownAddresses_GiveTheSameMessageInAboutTheSameTime()
    {
        var email = $"known-{Guid.NewGuid():N}@example.com";
        (await app.SignedInClientAsync(email)).Dispose();
        var client = app.NewClient();
        await client.LoginAsync("nobody@example.com", "Wrong-password-1"); // warm-up

        async Task<(string Message, double Ms)> TryAsync(string address)
        {
            var page = await client.GetPageAsync("/account/login");
            var watch = Stopwatch.StartNew();
            var response = await client.SubmitAsync(page, "form[action='/account/login']", new Dictionary<string, string> { ["Email"] = address, ["Password"] = "Wrong-password-1" });
            var ms = watch.Elapsed.TotalMilliseconds;
            var doc = await AppClient.ParseAsync(response);
            return (doc.QuerySelector(".validation-summary-errors, [data-valmsg-summary]")?.TextContent.Trim() ?? "", ms);
        }

        var known = new List<(string Message, double Ms)>();
        var unknown = new List<(string Message, double Ms)>();
        for (var i = 0; i < 3; i++)
        {
            known.Add(await TryAsync(email));
            unknown.Add(await TryAsync($"nobody{i}@example.com"));
        }
        Assert.NotEqual("", known[0].Message);
        Assert.All(known.Concat(unknown), r => Assert.Equal(known[0].Message, r.Message));
        // Both paths hash a password once (~tens of ms); without the dummy hash an unknown address answers several times faster.
        var k = known.Select(r => r.Ms).Order().ElementAt(1);
        var u = unknown.Select(r => r.Ms).Order().ElementAt(1);
        Assert.True(u > k / 3, $"unknown {u:0} ms vs known {k:0} ms");
    }
}

public sealed class ProxyTests(TestApp app) : IClassFixture<TestApp>
{
    private sealed class FromProxy : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => builder =>
        {
            builder.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse("10.0.0.5");
                return nextMiddleware(context);
            });
            next(builder);
        };
    }

    private HttpClient ClientBehind(string knownProxies) =>
        app.WithWebHostBuilder(b =>
        {
            b.UseSetting("ForwardedHeaders:KnownProxies", knownProxies);
            b.ConfigureServices(s => s.AddTransient<IStartupFilter, FromProxy>());
        }).CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static async Task<HttpResponseMessage> LoginPageAsync(HttpClient http)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/account/login");
        request.Headers.Host = "books.example.com";
        request.Headers.Add("X-Forwarded-Proto", "https");
        return await http.SendAsync(request);
    }

    [Fact]
    public async Task BehindAConfiguredProxy_ForwardedHttps_MakesCookiesSecure_AndSendsHsts()
    {
        var response = await LoginPageAsync(ClientBehind("10.0.0.5"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.Contains("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.True(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task FromAnAddressThatIsNotAConfiguredProxy_TheForwardedSchemeIsIgnored()
    {
        var response = await LoginPageAsync(ClientBehind("10.0.0.9"));
        Assert.All(response.Headers.GetValues("Set-Cookie"), c => Assert.DoesNotContain("secure", c, StringComparison.OrdinalIgnoreCase));
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}

public sealed class LockoutTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task LockedOutOwner_GetsBackInWithTheResetLockoutCommand()
    {
        var email = $"locked-{Guid.NewGuid():N}@example.com";
        (await app.SignedInClientAsync(email)).Dispose();
        var client = app.NewClient();
        for (var i = 0; i < 5; i++) await client.LoginAsync(email, "Wrong-password-1");
        Assert.Equal(HttpStatusCode.OK, (await client.LoginAsync(email)).StatusCode);

        Assert.Equal(0, await FreelancerOS.Web.Features.Account.ResetLockoutCommand.RunAsync(app.Services, ["--email", email]));
        Assert.Equal(HttpStatusCode.Redirect, (await client.LoginAsync(email)).StatusCode);
        Assert.Equal(2, await FreelancerOS.Web.Features.Account.ResetLockoutCommand.RunAsync(app.Services, []));
    }
}
