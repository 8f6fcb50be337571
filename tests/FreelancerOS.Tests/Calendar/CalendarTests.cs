using AngleSharp.Dom;
using System.Net;
using AngleSharp.Html.Dom;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Calendar.CalendarSteps;

namespace FreelancerOS.Tests.Calendar;

public sealed class CalendarTests(TestApp app) : IClassFixture<TestApp>
{
    [Fact]
    public async Task Post_CreateEditDeleteMeeting_WithAttendees()
    {
        var client = await app.SignedInClientAsync();
        var clientForm = await client.GetPageAsync("/clients/create");
        var clientId = AppClient.IdFromRedirect(await client.SubmitAsync(clientForm, "form[action='/clients/create']",
            new Dictionary<string, string> { ["Name"] = "Acme Ltd", ["ContractValue"] = "0" }));
        var contactId = await Contacts.ContactsTests.CreateContactAsync(client, "Ada Lovelace");

        var id = await CreateMeetingAsync(client, "Kick-off", "2026-11-25T10:00", "2026-11-25T11:30", new Dictionary<string, string>
        {
            ["Medium"] = "Whereby", ["Priority"] = "High", ["ClientIds"] = clientId.ToString(), ["ContactIds"] = contactId.ToString(),
            ["Links"] = "https://meet.example.com/abc\nhttps://docs.example.com/plan", ["Agenda"] = "- scope\n- **budget**",
        });
        var details = await client.GetPageAsync($"/calendar/details/{id}");
        Assert.Equal("Kick-off", details.QuerySelector("h1")!.TextContent.Trim());
        Assert.Contains("25 November 2026, 10:00 – 11:30", details.QuerySelector("[data-role=when]")!.TextContent);
        Assert.Equal("High priority", details.QuerySelector("[data-role=priority]")!.TextContent.Trim());
        Assert.Equal("Whereby", details.QuerySelector("[data-role=medium]")!.TextContent.Trim());
        var attendees = details.QuerySelector("[data-role=attendees]")!.TextContent;
        Assert.Contains("Acme Ltd", attendees);
        Assert.Contains("Ada Lovelace", attendees);
        Assert.Equal(2, details.QuerySelectorAll("[data-role=links] a[rel~=noopener]").Length);
        Assert.NotNull(details.QuerySelector("[data-role=agenda] strong"));

        // The client's and the contact's pages list it; the dashboard shows it as next; the medium is offered again.
        Assert.Contains("Kick-off", (await client.GetPageAsync($"/clients/details/{clientId}")).QuerySelector("[data-role=attendee-meetings]")!.TextContent);
        Assert.Contains("Kick-off", (await client.GetPageAsync($"/contacts/details/{contactId}")).QuerySelector("[data-role=attendee-meetings]")!.TextContent);
        Assert.Contains("Kick-off", (await client.GetPageAsync("/")).QuerySelector("[data-role=next-meetings]")!.TextContent);
        Assert.Contains("Whereby", (await client.GetPageAsync("/calendar/create")).QuerySelectorAll("#meeting-mediums option").Select(o => o.GetAttribute("value")));

        // Edit: the form comes back with the stored values; remove the contact, move the time.
        var edit = await client.GetPageAsync($"/calendar/edit/{id}");
        Assert.Equal("2026-11-25T10:00", edit.QuerySelector<IHtmlInputElement>("#Start")!.Value);
        var fields = AppClient.FormFields(edit.QuerySelector<IHtmlFormElement>($"form[action='/calendar/edit/{id}']")!)
            .Where(f => f.Key is not ("ContactIds" or "Start" or "End" or "Title")).ToList();
        fields.AddRange([new("Title", "Kick-off (moved)"), new("Start", "2026-11-26T14:00"), new("End", "2026-11-26T15:00")]);
        Assert.Equal(HttpStatusCode.Redirect, (await client.Http.PostAsync($"/calendar/edit/{id}", new FormUrlEncodedContent(fields))).StatusCode);
        details = await client.GetPageAsync($"/calendar/details/{id}");
        Assert.Contains("26 November 2026, 14:00 – 15:00", details.QuerySelector("[data-role=when]")!.TextContent);
        Assert.DoesNotContain("Ada Lovelace", details.QuerySelector("[data-role=attendees]")!.TextContent);
        Assert.Contains("Acme Ltd", details.QuerySelector("[data-role=attendees]")!.TextContent);
        Assert.Contains("No meetings yet", (await client.GetPageAsync($"/contacts/details/{contactId}")).QuerySelector("[data-role=attendee-meetings]")!.TextContent);

        var list = await client.GetPageAsync("/calendar/list?q=moved");
        Assert.Contains("Kick-off (moved)", list.QuerySelector("[data-role=meetings]")!.TextContent);

        var confirm = await client.GetPageAsync($"/calendar/delete/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, $"form[action='/calendar/delete/{id}']")).StatusCode);
        await client.GetPageAsync($"/calendar/details/{id}", HttpStatusCode.NotFound);
        Assert.Contains("No meetings yet", (await client.GetPageAsync($"/clients/details/{clientId}")).QuerySelector("[data-role=attendee-meetings]")!.TextContent);
    }

    [Theory]
    [InlineData("", "2026-11-25T10:00", "2026-11-25T11:00", "", "Title", "Enter a title.")]
    [InlineData("T", "2026-11-25T10:00", "2026-11-25T09:00", "", "End", "The end must be after the start.")]
    [InlineData("T", "2026-11-25T10:00", "2026-11-25T10:00", "", "End", "The end must be after the start.")]
    [InlineData("T", "2301-01-01T10:00", "2301-01-01T11:00", "", "Start", "Choose a date between the years 1900 and 2200.")]
    [InlineData("T", "1899-12-31T10:00", "1899-12-31T11:00", "", "Start", "Choose a date between the years 1900 and 2200.")]
    [InlineData("T", "", "2026-11-25T11:00", "", "Start", "Enter when the meeting starts.")]
    [InlineData("T", "not a date", "2026-11-25T11:00", "", "Start", "'not a date' is not valid here: check the number or date format.")]
    [InlineData("T", "2026-11-01T10:00", "2026-12-15T10:00", "", "End", "A meeting can last at most 31 days.")]
    [InlineData("T", "2026-11-25T10:00", "2026-11-25T11:00", "javascript:alert(1)", "Links", "Put one web address per line, each starting with https:// or http://.")]
    public async Task Post_InvalidMeeting_ShowsMessageNextToField_KeepsInput_SavesNothing(string title, string start, string end, string links, string field, string message)
    {
        var client = await app.SignedInClientAsync();
        var response = await PostMeetingAsync(client, title, start, end, new Dictionary<string, string> { ["Links"] = links, ["Agenda"] = "kept agenda" });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal(message, AppClient.FieldError(page, field));
        Assert.Equal("kept agenda", page.QuerySelector<IHtmlTextAreaElement>("#Agenda")!.Value.Trim());
        Assert.Equal(0, await app.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().CountAsync(m => m.Agenda == "kept agenda")));
    }

    [Fact]
    public async Task Post_TooLongTitle_And_TimeSkippedByDaylightSaving_AreRefused()
    {
        var client = await app.SignedInClientAsync();
        var page = await AppClient.ParseAsync(await PostMeetingAsync(client, new string('x', 201), "2026-11-25T10:00", "2026-11-25T11:00"));
        Assert.Equal("At most 200 characters.", AppClient.FieldError(page, "Title"));

        await SetTimeZoneAsync(client, "Europe/Berlin");
        var gap = await PostMeetingAsync(client, "In the gap", "2026-03-29T02:30", "2026-03-29T04:00");
        Assert.Equal(HttpStatusCode.OK, gap.StatusCode);
        Assert.Contains("does not exist in your time zone", AppClient.FieldError(await AppClient.ParseAsync(gap), "Start"));
    }

    [Fact]
    public async Task OtherAccount_Gets404_OnEveryMeetingUrl_AndCannotInviteForeignAttendees()
    {
        var owner = await app.SignedInClientAsync();
        var id = await CreateMeetingAsync(owner, "Secret meeting", "2026-11-25T10:00", "2026-11-25T11:00");
        var ownContact = await Contacts.ContactsTests.CreateContactAsync(owner, "Owner's contact");
        var ownEdit = await owner.GetPageAsync($"/calendar/edit/{id}");

        var other = await app.SignedInClientAsync();
        foreach (var url in new[] { $"/calendar/details/{id}", $"/calendar/edit/{id}", $"/calendar/delete/{id}", $"/calendar/ics/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);
        var token = (await other.GetPageAsync("/calendar/create")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = AppClient.FormFields(ownEdit.QuerySelector<IHtmlFormElement>($"form[action='/calendar/edit/{id}']")!)
            .Where(f => f.Key != "__RequestVerificationToken").Append(new("__RequestVerificationToken", token)).ToList();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync($"/calendar/edit/{id}", new FormUrlEncodedContent(fields))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync($"/calendar/delete/{id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);

        // Another account's contact cannot be made an attendee.
        var refused = await PostMeetingAsync(other, "Mine", "2026-11-25T10:00", "2026-11-25T11:00",
            new Dictionary<string, string> { ["ContactIds"] = ownContact.ToString() }, forged: true);
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Equal("One of the chosen contacts no longer exists. Choose again.", AppClient.FieldError(await AppClient.ParseAsync(refused), "ContactIds"));

        var month = await other.GetPageAsync("/calendar?year=2026&month=11");
        Assert.DoesNotContain("Secret meeting", month.Body!.TextContent);
        Assert.DoesNotContain("Secret meeting", (await other.GetPageAsync("/calendar/list?when=all")).Body!.TextContent);
        Assert.Equal(1, await app.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().CountAsync(m => m.Title == "Secret meeting")));
    }

    [Fact]
    public async Task MeetingAcrossMidnight_EastOfUtc_ShowsOnBothDays()
    {
        var client = await app.SignedInClientAsync();
        await SetTimeZoneAsync(client, "Asia/Tokyo");
        var id = await CreateMeetingAsync(client, "Late call", "2026-11-24T23:30", "2026-11-25T00:30");

        var stored = await app.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().SingleAsync(m => m.Id == id));
        Assert.Equal(new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), stored.StartUtc);
        Assert.Equal(DateTimeKind.Utc, stored.StartUtc.Kind);

        var month = await client.GetPageAsync("/calendar?year=2026&month=11");
        string[] DaysWith(AngleSharp.Dom.IDocument page, string cell) => page.QuerySelectorAll($"{cell} [data-meeting='{id}']")
            .Select(a => a.Closest("[data-day]")!.GetAttribute("data-day")!).Distinct().ToArray();
        Assert.Equal(["2026-11-24", "2026-11-25"], DaysWith(month, "td.calendar-day"));
        Assert.Contains("23:30", month.QuerySelector($"td[data-day='2026-11-24'] [data-meeting='{id}']")!.TextContent);

        var week = await client.GetPageAsync("/calendar/week?date=2026-11-24");
        var hours = week.QuerySelectorAll($"td.calendar-hour [data-meeting='{id}']")
            .Select(a => a.Closest("td")!).Select(td => td.GetAttribute("data-day") + " " + td.GetAttribute("data-hour")).Order().ToArray();
        Assert.Equal(["2026-11-24 23", "2026-11-25 0"], hours);

        // In UTC the same meeting is 14:30–15:30 on the 24th only.
        await SetTimeZoneAsync(client, "UTC");
        Assert.Equal(["2026-11-24"], DaysWith(await client.GetPageAsync("/calendar?year=2026&month=11"), "td.calendar-day"));
    }

    [Fact]
    public async Task WeekOfDaylightSavingChange_ShowsMeetingsAtTheirLocalHours()
    {
        var client = await app.SignedInClientAsync();
        await SetTimeZoneAsync(client, "Europe/Berlin");
        // Clocks go forward on Sunday 29 March 2026 at 02:00 in Berlin (UTC+1 -> UTC+2).
        var friday = await CreateMeetingAsync(client, "Before the change", "2026-03-27T10:00", "2026-03-27T11:00");
        var sunday = await CreateMeetingAsync(client, "After the change", "2026-03-29T10:00", "2026-03-29T11:00");
        var startsUtc = await app.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().Where(m => m.Id == friday || m.Id == sunday)
            .OrderBy(m => m.Id).Select(m => m.StartUtc).ToListAsync());
        Assert.Equal([new DateTime(2026, 3, 27, 9, 0, 0, DateTimeKind.Utc), new DateTime(2026, 3, 29, 8, 0, 0, DateTimeKind.Utc)], startsUtc);

        var week = await client.GetPageAsync("/calendar/week?date=2026-03-25");
        string Cell(int id) => week.QuerySelector($"td.calendar-hour [data-meeting='{id}']")!.Closest("td") is { } td
            ? td.GetAttribute("data-day") + " " + td.GetAttribute("data-hour") : "";
        Assert.Equal("2026-03-27 10", Cell(friday));
        Assert.Equal("2026-03-29 10", Cell(sunday));
        Assert.Contains("10:00–11:00", week.QuerySelector($"[data-meeting='{sunday}']")!.TextContent);
        Assert.Equal("skipped", week.QuerySelector("td[data-day='2026-03-29'][data-hour='2']")!.GetAttribute("data-state"));
        Assert.Null(week.QuerySelector("td[data-day='2026-03-29'][data-hour='2'] a.calendar-add"));
        Assert.Equal("normal", week.QuerySelector("td[data-day='2026-03-28'][data-hour='2']")!.GetAttribute("data-state"));
        Assert.Equal("UTC+01:00", week.QuerySelector("th[data-day='2026-03-27'] [data-role=offset]")!.TextContent.Trim());
        Assert.Equal("UTC+02:00", week.QuerySelector("th[data-day='2026-03-29'] [data-role=offset]")!.TextContent.Trim());
        Assert.Equal("2026-03-23", week.QuerySelector("th[data-day]")!.GetAttribute("data-day"));

        // In autumn the 02:00 hour of Sunday 25 October happens twice.
        var autumn = await client.GetPageAsync("/calendar/week?date=2026-10-25");
        Assert.Equal("repeated", autumn.QuerySelector("td[data-day='2026-10-25'][data-hour='2']")!.GetAttribute("data-state"));
    }

    [Fact]
    public async Task MonthAndWeek_HavePreviousNextTodayAndAddLinksForTheDayOrHour()
    {
        var client = await app.SignedInClientAsync();
        var month = await client.GetPageAsync("/calendar");
        Assert.Equal("November 2026", month.QuerySelector("[data-role=month-title]")!.TextContent.Trim());
        Assert.Equal("/calendar?year=2026&month=10", month.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/calendar?year=2026&month=12", month.QuerySelector("a[rel=next]")!.GetAttribute("href"));
        Assert.Equal("date", month.QuerySelector("td[data-day='2026-11-22'] .calendar-day-number")!.GetAttribute("aria-current"));
        Assert.Equal("/calendar/create?start=2026-11-18T09:00", month.QuerySelector("td[data-day='2026-11-18'] a.calendar-add")!.GetAttribute("href"));

        var week = await client.GetPageAsync("/calendar/week");
        Assert.Equal("/calendar/week?date=2026-11-09", week.QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Equal("/calendar/create?start=2026-11-18T15:00", week.QuerySelector("td[data-day='2026-11-18'][data-hour='15'] a.calendar-add")!.GetAttribute("href"));

        var create = await client.GetPageAsync("/calendar/create?start=2026-11-18T15:00");
        Assert.Equal("2026-11-18T15:00", create.QuerySelector<IHtmlInputElement>("#Start")!.Value);
        Assert.Equal("2026-11-18T16:00", create.QuerySelector<IHtmlInputElement>("#End")!.Value);

        // Nonsense in the query string falls back to today rather than failing.
        Assert.Equal("November 2026", (await client.GetPageAsync("/calendar?year=99999&month=13")).QuerySelector("[data-role=month-title]")!.TextContent.Trim());
        await client.GetPageAsync("/calendar/week?date=nonsense");
        await client.GetPageAsync("/calendar/create?start=nonsense");
    }

    [Fact]
    public async Task Agenda_WithScriptImgOnerrorAndJavascriptLinks_RendersInert()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateMeetingAsync(client, "XSS", "2026-11-25T10:00", "2026-11-25T11:00", new Dictionary<string, string>
        {
            ["Agenda"] = "<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3)) [ok](https://example.com) " +
                         "[tab](java\tscript:alert(4)) <javascript:alert(5)>\n\n![i](javascript:alert(6))",
        });
        var details = await client.GetPageAsync($"/calendar/details/{id}");
        var agenda = details.QuerySelector("[data-role=agenda]")!;
        Assert.Empty(agenda.QuerySelectorAll("script"));
        Assert.Empty(agenda.QuerySelectorAll("[onerror]"));
        Assert.All(agenda.QuerySelectorAll("img"), img => Assert.DoesNotContain("javascript", img.GetAttribute("src") ?? ""));
        Assert.All(agenda.QuerySelectorAll("a"), a => Assert.DoesNotContain("script:", (a.GetAttribute("href") ?? "").Replace("\t", "")));
        Assert.Contains("<script>alert(1)</script>", agenda.TextContent);
        var ok = agenda.QuerySelector("a[href='https://example.com']")!;
        Assert.Equal("noopener noreferrer", ok.GetAttribute("rel"));
    }

    [Fact]
    public async Task OverlappingMeetings_ShareTheirDayAndHourCells()
    {
        var client = await app.SignedInClientAsync();
        var a = await CreateMeetingAsync(client, "Long workshop", "2026-11-18T09:00", "2026-11-18T12:00");
        var b = await CreateMeetingAsync(client, "Quick sync", "2026-11-18T10:15", "2026-11-18T10:45");

        var month = await client.GetPageAsync("/calendar?year=2026&month=11");
        Assert.Equal([a.ToString(), b.ToString()], month.QuerySelectorAll("td[data-day='2026-11-18'] [data-meeting]").Select(e => e.GetAttribute("data-meeting")!).ToArray());

        var week = await client.GetPageAsync("/calendar/week?date=2026-11-18");
        string[] In(int hour) => week.QuerySelectorAll($"td[data-day='2026-11-18'][data-hour='{hour}'] [data-meeting]").Select(e => e.GetAttribute("data-meeting")!).ToArray();
        Assert.Equal([a.ToString()], In(9));
        Assert.Equal([a.ToString(), b.ToString()], In(10));
        Assert.Equal([a.ToString()], In(11));
        Assert.Empty(In(12));
        Assert.Contains("continues", week.QuerySelector($"td[data-day='2026-11-18'][data-hour='10'] [data-meeting='{a}']")!.ClassName);
        Assert.Contains("10:15–10:45", week.QuerySelector($"td[data-day='2026-11-18'][data-hour='10'] [data-meeting='{b}']")!.TextContent);
    }

    [Fact]
    public async Task Post_EditInTwoTabs_SecondSaveGetsAConflictMessage()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateMeetingAsync(client, "Shared", "2026-11-25T10:00", "2026-11-25T11:00");
        var tab1 = await client.GetPageAsync($"/calendar/edit/{id}");
        var tab2 = await client.GetPageAsync($"/calendar/edit/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(tab1, $"form[action='/calendar/edit/{id}']",
            new Dictionary<string, string> { ["Title"] = "First" })).StatusCode);
        var second = await client.SubmitAsync(tab2, $"form[action='/calendar/edit/{id}']", new Dictionary<string, string> { ["Title"] = "Second" });
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Contains("changed in another tab", (await AppClient.ParseAsync(second)).QuerySelector(".validation-summary-errors")!.TextContent);
        Assert.Equal("First", (await client.GetPageAsync($"/calendar/details/{id}")).QuerySelector("h1")!.TextContent.Trim());
    }
}
