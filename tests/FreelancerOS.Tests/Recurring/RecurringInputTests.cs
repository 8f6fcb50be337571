using System.Net;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Projects;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Invoices.InvoiceSteps;
using static FreelancerOS.Tests.Recurring.RecurringSteps;

namespace FreelancerOS.Tests.Recurring;

public sealed class RecurringInputTests(TestApp app) : IClassFixture<TestApp>
{
    private async Task<int> ScheduleCountAsync() => await app.WithDbAsync(db => db.RecurringSchedules.IgnoreQueryFilters().CountAsync());

    public static TheoryData<string, string, string, string> BadInputs => new()
    {
        { "EndKind=OnDate;StartDate=2026-12-01;EndDate=2026-11-01", "EndDate", "The end date cannot be before the start date.", "Still typed" },
        { "EndKind=OnDate;EndDate=", "EndDate", "Enter the end date.", "Still typed" },
        { "EndKind=AfterCount;MaxRuns=0", "MaxRuns", "Enter between 1 and 1000.", "Still typed" },
        { "DayOfMonth=32", "DayOfMonth", "Enter a day between 1 and 31 (29–31 run on the last day of shorter months).", "Still typed" },
        { "DayOfMonth=abc", "DayOfMonth", "'abc' is not valid here: check the number or date format.", "Still typed" },
        { "StartDate=", "StartDate", "Enter the start date.", "Still typed" },
        { "Lines[0].Quantity=-1", "Lines[0].Quantity", "The quantity must be more than zero.", "Still typed" },
        { "Lines[0].UnitPrice=-5", "Lines[0].UnitPrice", "The unit price cannot be negative.", "Still typed" },
        { "Lines[0].Description=;Lines[0].Quantity=;Lines[0].UnitPrice=", "Lines", "Add at least one line (e.g. the retainer fee).", "Still typed" },
        { "IsRetainer=true;IncludedHours=10;OverageRate=", "OverageRate", "Enter the hourly rate for hours over the included ones.", "Still typed" },
        { "IsRetainer=true;IncludedHours=-1;OverageRate=50", "IncludedHours", "Enter between 0 and 10000 hours.", "Still typed" },
        { "TaxRate=150", "TaxRate", "Enter a tax rate between 0 and 100 %.", "Still typed" },
        { "Frequency=Daily", "Frequency", "'Daily' is not valid here: check the number or date format.", "Still typed" },
        { "Name=", "Name", "Give the schedule a name, e.g. \"Monthly retainer\".", "" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task BadInput_ShowsTheMessageByTheField_KeepsWhatWasTyped_SavesNothing(string overrides, string field, string message, string keptName)
    {
        var alice = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var before = await ScheduleCountAsync();
        var values = new Dictionary<string, string> { ["Name"] = "Still typed", ["ClientId"] = acme.ToString() };
        var lines = new[] { ("Retainer", "1", "1000") };
        foreach (var pair in overrides.Split(';'))
        {
            var (key, value) = (pair[..pair.IndexOf('=')], pair[(pair.IndexOf('=') + 1)..]);
            values[key] = value;
        }
        // Some bad values (a frequency the select does not offer) only come in a hand-made request.
        var response = await PostScheduleAsync(alice, values, overrides.Contains("Lines[0].Description") ? [] : lines, forged: true);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(message, AppClient.FieldError(page, field));
        Assert.Equal(keptName, (page.QuerySelector("#Name") as IHtmlInputElement)!.Value);
        Assert.Equal(before, await ScheduleCountAsync());
    }

    [Fact]
    public async Task AnotherAccountsClientOrProject_IsRefused()
    {
        var alice = await app.SignedInClientAsync();
        var bob = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var bobsClient = await Work.ClientAsync(bob, "Bob's client");
        var bobsProject = await Work.ProjectAsync(bob, bobsClient, "Bob's project");
        var before = await ScheduleCountAsync();

        var response = await PostScheduleAsync(alice, new() { ["Name"] = "X", ["ClientId"] = bobsClient.ToString() }, forged: true);
        Assert.Equal("Choose one of your clients.", AppClient.FieldError(await AppClient.ParseAsync(response), "ClientId"));
        response = await PostScheduleAsync(alice, new() { ["Name"] = "X", ["ClientId"] = acme.ToString(), ["ProjectId"] = bobsProject.ToString() }, forged: true);
        Assert.Equal("Choose one of your projects.", AppClient.FieldError(await AppClient.ParseAsync(response), "ProjectId"));
        // A project of one's own, but of another client.
        var globex = await Work.ClientAsync(alice, "Globex");
        var globexProject = await Work.ProjectAsync(alice, globex, "Globex site");
        response = await PostScheduleAsync(alice, new() { ["Name"] = "X", ["ClientId"] = acme.ToString(), ["ProjectId"] = globexProject.ToString() }, forged: true);
        Assert.Equal("Globex site is a project of another client.", AppClient.FieldError(await AppClient.ParseAsync(response), "ProjectId"));
        Assert.Equal(before, await ScheduleCountAsync());
    }

    [Fact]
    public async Task AnotherAccountsSchedule_OrAnUnknownId_IsA404_ForEveryPageAndAction()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var bob = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var alicesSchedule = await CreateScheduleAsync(alice, acme);
        var bobsClient = await CreateClientAsync(bob, "Bob's client");
        var bobsSchedule = await CreateScheduleAsync(bob, bobsClient);

        foreach (var id in new[] { alicesSchedule, 987654 })
        {
            await bob.GetPageAsync($"/recurring/details/{id}", HttpStatusCode.NotFound);
            await bob.GetPageAsync($"/recurring/edit/{id}", HttpStatusCode.NotFound);
            // Bob's own form, with its token, posted at the other id.
            var own = await bob.GetPageAsync($"/recurring/edit/{bobsSchedule}");
            var fields = AppClient.FormFields((IHtmlFormElement)own.QuerySelector($"form[action='/recurring/edit/{bobsSchedule}']")!);
            foreach (var action in new[] { "edit", "pause", "resume", "delete" })
            {
                var response = await bob.Http.PostAsync($"/recurring/{action}/{id}", new FormUrlEncodedContent(fields));
                Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            }
        }
        var unchanged = await alice.GetPageAsync($"/recurring/details/{alicesSchedule}");
        Assert.Equal("2026-12-01", unchanged.QuerySelector("[data-role=next-run]")!.TextContent.Trim());
        Assert.Null((await bob.GetPageAsync("/recurring")).QuerySelector($"tr[data-schedule-id='{alicesSchedule}']"));
    }

    [Fact]
    public async Task Edit_KeepsTheRunsAndMovesTheNextRun_LinkedFromNavigationAndClientPage()
    {
        SetDay(app, new DateOnly(2026, 11, 22));
        var alice = await app.SignedInClientAsync();
        var acme = await CreateClientAsync(alice, "Acme Ltd");
        var id = await CreateScheduleAsync(alice, acme, new() { ["DayOfMonth"] = "1" });

        var home = await alice.GetPageAsync("/");
        Assert.NotNull(home.QuerySelector("nav a[href='/recurring']"));
        var client = await alice.GetPageAsync($"/clients/details/{acme}");
        Assert.Equal($"/recurring?clientId={acme}", client.QuerySelector("[data-role=client-recurring]")!.GetAttribute("href"));
        var list = await alice.GetPageAsync($"/recurring?clientId={acme}");
        Assert.NotNull(list.QuerySelector($"tr[data-schedule-id='{id}']"));

        var response = await PostScheduleAsync(alice, new() { ["DayOfMonth"] = "15", ["Name"] = "Renamed" }, [("Fee", "2", "400")], $"/recurring/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var page = await alice.GetPageAsync($"/recurring/details/{id}");
        Assert.Equal("2026-12-15", page.QuerySelector("[data-role=next-run]")!.TextContent.Trim());
        Assert.Contains("Renamed", page.QuerySelector("h1")!.TextContent);
        Assert.Equal("800.00 EUR", page.QuerySelector("[data-role=template-total]")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll("[data-role=template-lines] tbody tr"));

        // A stale form (another tab saved first) is refused, nothing overwritten.
        var stale = await alice.GetPageAsync($"/recurring/edit/{id}");
        await PostScheduleAsync(alice, new() { ["Name"] = "First tab" }, [("Fee", "2", "400")], $"/recurring/edit/{id}");
        var conflict = await alice.SubmitAsync(stale, $"form[action='/recurring/edit/{id}']", new Dictionary<string, string> { ["Name"] = "Second tab" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains("First tab", (await alice.GetPageAsync($"/recurring/details/{id}")).QuerySelector("h1")!.TextContent);
    }
}
