using FreelancerOS.BrowserTests.Infrastructure;

namespace FreelancerOS.BrowserTests.Calendar;

[Collection(BrowserCollection.Name)]
public sealed class CalendarBrowserTests(BrowserFixture fixture)
{
    [Fact]
    public async Task MonthView_ClickADay_AddAMeeting_SeeItOnThatDay()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/calendar");
        await Assertions.Expect(page.Locator("[data-role=month-title]")).ToHaveTextAsync("November 2026");
        await page.Locator("td[data-day='2026-11-18']").ClickAsync();
        await page.WaitForURLAsync("**/calendar/create?start=2026-11-18T09:00");
        await Assertions.Expect(page.Locator("#Start")).ToHaveValueAsync("2026-11-18T09:00");
        await Assertions.Expect(page.Locator("#End")).ToHaveValueAsync("2026-11-18T10:00");

        await page.FillAsync("#Title", "Browser meeting");
        await page.FillAsync("#Medium", "Zoom");
        await page.ClickAsync("form[action='/calendar/create'] button[type=submit]");
        await page.WaitForURLAsync("**/calendar/details/*");
        await page.ClickAsync("text=See in the month");

        var day = page.Locator("td[data-day='2026-11-18']");
        await Assertions.Expect(day.Locator(".calendar-item")).ToContainTextAsync("09:00 Browser meeting");
        await Assertions.Expect(page.Locator("td[data-day='2026-11-19'] .calendar-item")).ToHaveCountAsync(0);

        // The week view: click an hour, the form opens at that hour.
        await page.GotoAsync("/calendar/week?date=2026-11-18");
        await Assertions.Expect(page.Locator("td[data-day='2026-11-18'][data-hour='9'] .calendar-item")).ToContainTextAsync("Browser meeting");
        await page.Locator("td[data-day='2026-11-19'][data-hour='14']").ClickAsync(new LocatorClickOptions { Position = new Position { X = 4, Y = 4 } });
        await page.WaitForURLAsync("**/calendar/create?start=2026-11-19T14:00");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task Contacts_AddOne_ListAndPage_ShowIt()
    {
        await using var session = await fixture.NewSessionAsync();
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/");
        await page.ClickAsync("text=Tools");
        await page.ClickAsync(".dropdown-menu >> text=Contacts");
        await page.WaitForURLAsync("**/contacts");
        await page.ClickAsync("text=New contact");
        await page.FillAsync("#Name", "Browser Contact");
        await page.FillAsync("#Category", "Finance");
        await page.FillAsync("#Email", "contact@example.com");
        await page.ClickAsync("form[action='/contacts/create'] button[type=submit]");
        await page.WaitForURLAsync("**/contacts/details/*");
        await Assertions.Expect(page.Locator("h1")).ToHaveTextAsync("Browser Contact");
        await Assertions.Expect(page.Locator("[data-role=attendee-meetings]")).ToContainTextAsync("No meetings yet");

        await page.GotoAsync("/contacts");
        await Assertions.Expect(page.Locator("[data-role=contacts]")).ToContainTextAsync("Browser Contact");
        Assert.True(session.ConsoleErrors.Count == 0, string.Join("\n", session.ConsoleErrors));
    }

    [Fact]
    public async Task ContactAndCalendarPages_AreAxeClean()
    {
        await using var session = await fixture.NewSessionAsync(bypassCsp: true);
        var page = session.Page;
        await session.RegisterAsync();

        await page.GotoAsync("/contacts/create");
        await page.FillAsync("#Name", "Axe Contact");
        await page.ClickAsync("form[action='/contacts/create'] button[type=submit]");
        await page.WaitForURLAsync("**/contacts/details/*");
        var contactPage = page.Url;

        await page.GotoAsync("/calendar/create?start=2026-11-23T23:30");
        await page.FillAsync("#Title", "Axe meeting");
        await page.FillAsync("#End", "2026-11-24T00:30");
        await page.FillAsync("#Agenda", "- [ ] one\n- **two** [link](https://example.com)");
        await page.FillAsync("#Links", "https://meet.example.com/x");
        await page.SelectOptionAsync("#ContactIds", new SelectOptionValue { Label = "Axe Contact" });
        await page.ClickAsync("form[action='/calendar/create'] button[type=submit]");
        await page.WaitForURLAsync("**/calendar/details/*");
        var meetingPage = page.Url;

        await page.GotoAsync("/settings");
        await page.ClickAsync("form[action='/calendar/regeneratefeed'] button");
        await page.WaitForURLAsync("**/settings*");

        var problems = new List<string>();
        foreach (var url in new[] { "/contacts", "/contacts/create", contactPage, "/calendar", "/calendar/week?date=2026-11-23",
                     "/calendar/week?date=2026-03-29", "/calendar/list?when=all", "/calendar/create", meetingPage, "/" })
        {
            await page.GotoAsync(url);
            problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => url + " " + v));
        }
        // The settings page right after making an address shows it once; check that state too.
        await page.GotoAsync("/settings");
        await page.ClickAsync("form[action='/calendar/regeneratefeed'] button");
        await page.WaitForURLAsync("**/settings*");
        problems.AddRange((await Axe.SeriousViolationsAsync(page)).Select(v => "/settings (feed) " + v));
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
