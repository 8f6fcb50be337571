using System.Net;
using FreelancerOS.Tests.Infrastructure;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;

namespace FreelancerOS.Tests.Account;

public sealed class LoggingTestApp : TestApp
{
    protected override string LogLevel => "Information";
}

/// <summary>What reaches the daily log file when people sign in and post forms.</summary>
public sealed class AccountLogTests(LoggingTestApp app) : IClassFixture<LoggingTestApp>
{
    [Fact]
    public async Task Log_RecordsEachRequest_ButNoPasswordTokenOrFormValue()
    {
        var password = $"Secret-{Guid.NewGuid():N}";
        var wrongPassword = $"Wrong-{Guid.NewGuid():N}";
        var clientName = $"Client {Guid.NewGuid():N}";
        var email = $"logged-{Guid.NewGuid():N}@example.com";

        var first = app.NewClient();
        await first.RegisterAsync(email, password);
        await CreateClientAsync(first, clientName);

        var second = app.NewClient();
        var login = await second.GetPageAsync("/account/login");
        var token = login.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        Assert.Equal(HttpStatusCode.OK, (await second.LoginAsync(email, wrongPassword)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await second.LoginAsync(email, password)).StatusCode);

        var log = await ReadLogAsync("HTTP POST /account/login responded 302");
        Assert.Contains("HTTP POST /account/register responded 302", log);
        Assert.Contains("HTTP POST /account/login responded 200", log);
        Assert.DoesNotContain(password, log);
        Assert.DoesNotContain(wrongPassword, log);
        Assert.DoesNotContain(token, log);
        Assert.DoesNotContain(clientName, log);
        Assert.DoesNotContain("__RequestVerificationToken", log);
    }

    /// <summary>The log files' text once <paramref name="expected"/> is in it (a request is logged as it completes).</summary>
    private async Task<string> ReadLogAsync(string expected)
    {
        var text = "";
        for (var attempt = 0; attempt < 50 && !text.Contains(expected); attempt++)
        {
            if (attempt > 0) await Task.Delay(100);
            text = "";
            foreach (var file in Directory.GetFiles(Path.Combine(app.DataFolder, "logs"), "*.log"))
            {
                await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                using var reader = new StreamReader(stream);
                text += await reader.ReadToEndAsync();
            }
        }
        Assert.Contains(expected, text);
        return text;
    }
}
