using FreelancerOS.Tests.Infrastructure;
using FreelancerOS.Tests.Ledger;
using Microsoft.EntityFrameworkCore;
using static FreelancerOS.Tests.Calendar.CalendarSteps;

namespace FreelancerOS.Tests.Calendar;

/// <summary>Meetings (UTC timestamps, the attendee join tables) and contacts on PostgreSQL.</summary>
public sealed class CalendarPostgresTests(PostgresTestApp app) : IClassFixture<PostgresTestApp>
{
    [Fact]
    public async Task MeetingsAndContacts_OnPostgres_StoreUtcAndShowInViewsAndFeed()
    {
        var client = await app.SignedInClientAsync();
        await SetTimeZoneAsync(client, "Asia/Tokyo");
        var contact = await Contacts.ContactsTests.CreateContactAsync(client, "Pg Contact", new Dictionary<string, string> { ["Category"] = "Legal" });
        var id = await CreateMeetingAsync(client, "Pg late call", "2026-11-24T23:30", "2026-11-25T00:30",
            new Dictionary<string, string> { ["ContactIds"] = contact.ToString(), ["Medium"] = "Zoom" });

        var stored = await app.WithDbAsync(db => db.Meetings.IgnoreQueryFilters().SingleAsync(m => m.Id == id));
        Assert.Equal(new DateTime(2026, 11, 24, 14, 30, 0, DateTimeKind.Utc), stored.StartUtc);

        var month = await client.GetPageAsync("/calendar?year=2026&month=11");
        Assert.Equal(2, month.QuerySelectorAll($"td.calendar-day [data-meeting='{id}']").Length);
        Assert.Contains("Pg late call", (await client.GetPageAsync($"/contacts/details/{contact}")).QuerySelector("[data-role=attendee-meetings]")!.TextContent);
        Assert.Contains("Pg late call", (await client.GetPageAsync("/calendar/list?q=late")).QuerySelector("[data-role=meetings]")!.TextContent);
        Assert.Contains("Zoom", (await client.GetPageAsync("/calendar/create")).QuerySelectorAll("#meeting-mediums option").Select(o => o.GetAttribute("value")));
        Assert.Contains("Pg Contact", (await client.GetPageAsync("/contacts?category=Legal&q=pg")).QuerySelector("[data-role=contacts]")!.TextContent);

        var settings = await client.GetPageAsync("/settings");
        await client.SubmitAsync(settings, "form[action='/calendar/regeneratefeed']");
        var url = (await client.GetPageAsync("/settings")).QuerySelector("[data-role=feed-url]")!.GetAttribute("value")!;
        using var anonymous = app.NewClient();
        var calendar = Ical.Net.Calendar.Load(await anonymous.Http.GetStringAsync(new Uri(url).PathAndQuery))!;
        Assert.Equal("Asia/Tokyo", calendar.Events.Single().DtStart!.TzId);
    }
}
