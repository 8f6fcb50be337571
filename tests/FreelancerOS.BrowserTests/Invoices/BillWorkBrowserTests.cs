using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Invoices;

[Collection(BrowserCollection.Name)]
public sealed class BillWorkBrowserTests(BrowserFixture fixture)
{
    private static async Task LogAsync(IPage page, string projectId, string date, string hours)
    {
        await page.GotoAsync($"/time/create?projectId={projectId}");
        await page.FillAsync("form[action='/time/create'] input[name=Date]", date);
        await page.FillAsync("form[action='/time/create'] input[name=Hours]", hours);
        await page.ClickAsync("form[action='/time/create'] button[type=submit]");
        await page.WaitForURLAsync(url => !url.Contains("/time/create"));
    }

    /// <summary>A client "Hours Client" with an hourly project at 90/h and 3 + 4.5 h in October, 2 h in November; returns the project id.</summary>
    private static async Task<string> SetUpWorkAsync(IPage page)
    {
        await page.GotoAsync("/clients/create");
        await page.FillAsync("input[name=Name]", "Hours Client");
        await page.ClickAsync("form[action='/clients/create'] button[type=submit]");
        await page.WaitForURLAsync("**/clients/details/*");
        await page.GotoAsync("/projects/create");
        await page.FillAsync("input[name=Name]", "Support");
        await page.SelectOptionAsync("select[name=ClientId]", new SelectOptionValue { Label = "Hours Client (EUR)" });
        await page.SelectOptionAsync("select[name=Pricing]", "Hourly");
        await page.FillAsync("input[name=HourlyRate]", "90");
        await page.ClickAsync("form[action='/projects/create'] button[type=submit]");
        await page.WaitForURLAsync("**/projects/details/*");
        var projectId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await LogAsync(page, projectId, "2026-10-06", "3");
        await LogAsync(page, projectId, "2026-10-28", "4.5");
        await LogAsync(page, projectId, "2026-11-02", "2"); // this month: not billed now
        return projectId;
    }

    [Fact]
    public async Task PickLastMonthsHoursForAClient_AndCreateTheDraft()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        var projectId = await SetUpWorkAsync(page);

        // The clock says 2026-11-22: pick the client, then "October 2026".
        await page.GotoAsync("/invoices/create");
        await page.SelectOptionAsync("#filter-client", new SelectOptionValue { Label = "Hours Client (EUR)" });
        await page.ClickAsync("[data-role=work-filter] button[type=submit]");
        await page.ClickAsync("[data-role=last-month]");
        await Assertions.Expect(page.Locator("#unbilled-heading")).ToContainTextAsync("01/10/2026 to 31/10/2026");
        var group = page.Locator("[data-role=time-group]");
        await Assertions.Expect(group).ToHaveCountAsync(1);
        await Assertions.Expect(group).ToContainTextAsync("Support – Other work · 7.5 h · 675.00 EUR");
        await group.Locator("input[name=TimeGroups]").CheckAsync();
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");

        await Assertions.Expect(page.Locator("[data-role=lines] tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-role=lines] tbody tr")).ToContainTextAsync("Support, 7.50 h × 90.00 (2026-10-06 to 2026-10-28)");
        await Assertions.Expect(page.Locator("[data-role=total]")).ToHaveTextAsync("675.00 EUR");

        // The project page shows October's hours as invoiced, November's still unbilled.
        await page.GotoAsync($"/projects/details/{projectId}");
        await Assertions.Expect(page.Locator("[data-role=profit-unbilled-hours]")).ToHaveTextAsync("2");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task BillingPages_HaveNoSeriousAxeViolations()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();
        await SetUpWorkAsync(page);
        await page.GotoAsync("/invoices/create");
        await page.SelectOptionAsync("#filter-client", new SelectOptionValue { Label = "Hours Client (EUR)" });
        await page.ClickAsync("[data-role=work-filter] button[type=submit]");
        var problems = (await Axe.SeriousViolationsAsync(page)).Select(v => "create " + v).ToList();
        await page.Locator("[data-role=time-group] input[name=TimeGroups]").CheckAsync();
        await page.ClickAsync("form.invoice-form button[type=submit]");
        await page.WaitForURLAsync("**/invoices/details/*");
        await page.GotoAsync(page.Url.Replace("/details/", "/edit/"));
        await Assertions.Expect(page.Locator("[data-role=item-lines] tbody tr")).ToHaveCountAsync(1);
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "edit " + v));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
    [Fact]
    public async Task TickingWork_ShowsTheTickedTotal_AndTheDueDateFollowsTheIssueDateUntilChanged()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();
        await SetUpWorkAsync(page);

        await page.GotoAsync("/invoices/create");
        await page.SelectOptionAsync("#filter-client", new SelectOptionValue { Label = "Hours Client (EUR)" });
        await page.ClickAsync("[data-role=work-filter] button[type=submit]");
        var total = page.Locator("[data-role=ticked-total-value]");
        await Assertions.Expect(total).ToHaveTextAsync("none");
        await page.Locator("input[name=TimeGroups]").CheckAsync();
        await Assertions.Expect(total).ToHaveTextAsync("855.00 EUR");
        // An entry of a ticked group is not counted twice; alone, it counts by itself.
        await page.Locator("details.ms-4 summary").ClickAsync();
        await page.Locator("input[name=TimeEntryIds]").First.CheckAsync();
        await Assertions.Expect(total).ToHaveTextAsync("855.00 EUR");
        await page.Locator("input[name=TimeGroups]").UncheckAsync();
        await Assertions.Expect(total).ToHaveTextAsync("270.00 EUR");

        await page.FillAsync("#IssueDate", "2027-01-10");
        await Assertions.Expect(page.Locator("#DueDate")).ToHaveValueAsync("2027-02-09");
        await page.FillAsync("#DueDate", "2027-01-31");
        await page.FillAsync("#IssueDate", "2027-01-12");
        await Assertions.Expect(page.Locator("#DueDate")).ToHaveValueAsync("2027-01-31");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }
}
