using AngleSharp.Dom;
using System.Net;
using FreelancerOS.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Tests.Contacts;

public sealed class ContactsTests(TestApp app) : IClassFixture<TestApp>
{
    internal static async Task<int> CreateContactAsync(AppClient client, string name, IDictionary<string, string>? more = null)
    {
        var form = await client.GetPageAsync("/contacts/create");
        var values = new Dictionary<string, string> { ["Name"] = name };
        foreach (var (k, v) in more ?? new Dictionary<string, string>()) values[k] = v;
        var response = await client.SubmitAsync(form, "form[action='/contacts/create']", values);
        return AppClient.IdFromRedirect(response);
    }

    [Fact]
    public async Task Post_CreateContact_ShowsOnListAndDetails_AndOwnCategoryIsOffered()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateContactAsync(client, "Ada Lovelace", new Dictionary<string, string>
        {
            ["Designation"] = "Accountant", ["Company"] = "Numbers Ltd", ["Category"] = "Bookkeeping",
            ["Email"] = "ada@example.com", ["Phone"] = "+44 20 1234", ["Address"] = "1 Main St\nLondon", ["Notes"] = "Year-end",
        });

        var details = await client.GetPageAsync($"/contacts/details/{id}");
        Assert.Equal("Ada Lovelace", details.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Bookkeeping", details.QuerySelector("[data-role=category]")!.TextContent.Trim());
        Assert.Contains("Accountant, Numbers Ltd", details.QuerySelector("main")!.TextContent);

        var list = await client.GetPageAsync("/contacts?q=numbers");
        Assert.Contains("Ada Lovelace", list.QuerySelector("[data-role=contacts]")!.TextContent);
        Assert.Contains("No contacts match", (await client.GetPageAsync("/contacts?q=nobody")).QuerySelector("[data-role=contacts]")!.TextContent);
        Assert.Contains("Ada Lovelace", (await client.GetPageAsync("/contacts?category=Bookkeeping")).QuerySelector("[data-role=contacts]")!.TextContent);

        var create = await client.GetPageAsync("/contacts/create");
        var offered = create.QuerySelectorAll("#contact-categories option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(["Finance", "Services", "Legal", "Bookkeeping"], offered);
    }

    [Fact]
    public async Task Post_InvalidContact_ShowsMessagesNextToFields_KeepsInput_SavesNothing()
    {
        var client = await app.SignedInClientAsync();
        var form = await client.GetPageAsync("/contacts/create");
        var response = await client.SubmitAsync(form, "form[action='/contacts/create']", new Dictionary<string, string>
        {
            ["Name"] = "", ["Email"] = "not-an-email", ["Company"] = "Kept Co", ["Phone"] = new string('1', 60),
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await AppClient.ParseAsync(response);
        Assert.Equal("Enter the contact's name.", AppClient.FieldError(page, "Name"));
        Assert.Contains("valid e-mail", AppClient.FieldError(page, "Email"));
        Assert.Equal("At most 50 characters.", AppClient.FieldError(page, "Phone"));
        Assert.Equal("Kept Co", page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Company")!.Value);
        Assert.Equal(0, await app.WithDbAsync(db => db.Contacts.IgnoreQueryFilters().CountAsync(c => c.Company == "Kept Co")));
    }

    [Fact]
    public async Task Post_EditThenDelete_ChangesAndRemovesTheContact()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateContactAsync(client, "Old Name", new Dictionary<string, string> { ["Category"] = "Legal" });

        var edit = await client.GetPageAsync($"/contacts/edit/{id}");
        var saved = await client.SubmitAsync(edit, $"form[action='/contacts/edit/{id}']", new Dictionary<string, string> { ["Name"] = "New Name" });
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var details = await client.GetPageAsync($"/contacts/details/{id}");
        Assert.Equal("New Name", details.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal("Legal", details.QuerySelector("[data-role=category]")!.TextContent.Trim());

        var confirm = await client.GetPageAsync($"/contacts/delete/{id}");
        var deleted = await client.SubmitAsync(confirm, $"form[action='/contacts/delete/{id}']");
        Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        await client.GetPageAsync($"/contacts/details/{id}", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OtherAccount_Gets404_OnEveryContactUrl()
    {
        var owner = await app.SignedInClientAsync();
        var id = await CreateContactAsync(owner, "Private Person");
        var ownEdit = await owner.GetPageAsync($"/contacts/edit/{id}");
        var ownDelete = await owner.GetPageAsync($"/contacts/delete/{id}");

        var other = await app.SignedInClientAsync();
        foreach (var url in new[] { $"/contacts/details/{id}", $"/contacts/edit/{id}", $"/contacts/delete/{id}", $"/contacts/vcard/{id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(url)).StatusCode);

        // The other account posts the owner's forms with its own antiforgery token.
        var otherPage = await other.GetPageAsync("/contacts/create");
        var token = otherPage.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var editFields = AppClient.FormFields(ownEdit.QuerySelector<AngleSharp.Html.Dom.IHtmlFormElement>($"form[action='/contacts/edit/{id}']")!)
            .Where(f => f.Key != "__RequestVerificationToken").Append(new("__RequestVerificationToken", token)).ToList();
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync($"/contacts/edit/{id}", new FormUrlEncodedContent(editFields))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.PostAsync($"/contacts/delete/{id}",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]))).StatusCode);
        Assert.NotNull(ownDelete);

        Assert.DoesNotContain("Private Person", await other.Http.GetStringAsync("/contacts/exportcsv"));
        Assert.DoesNotContain("Private Person", await other.Http.GetStringAsync("/contacts/vcards"));
        Assert.DoesNotContain("Private Person", (await other.GetPageAsync("/contacts")).Body!.TextContent);
    }

    [Fact]
    public async Task ExportCsv_QuotesAndDefusesFormulaCells()
    {
        var client = await app.SignedInClientAsync();
        await CreateContactAsync(client, "=HYPERLINK(\"http://evil\",\"x\")", new Dictionary<string, string>
        {
            ["Company"] = "Smith, Jones & Co", ["Phone"] = "+44 1234", ["Email"] = "a@example.com", ["Notes"] = "@SUM(A1)\nsecond line",
            ["Designation"] = "-1",
        });
        var response = await client.Http.GetAsync("/contacts/exportcsv");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var csv = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF');
        var lines = csv.Split("\r\n", 2);
        Assert.Equal("Name,Designation,Company,Category,E-mail,Phone,Address,Notes", lines[0]);
        // A browser sends a textarea's line break as CRLF; it stays inside the quoted cell.
        Assert.Equal("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",'-1,\"Smith, Jones & Co\",,a@example.com,'+44 1234,,\"'@SUM(A1)\r\nsecond line\"", lines[1].TrimEnd());
    }

    [Fact]
    public async Task VCard_OneAndAll_AreEscapedVCard3()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateContactAsync(client, "Grace Hopper", new Dictionary<string, string>
        {
            ["Company"] = "Navy; Research, Dept", ["Notes"] = "Line one\nLine two \\ end", ["Address"] = "1 Main St, Arlington", ["Email"] = "grace@example.com",
            ["Designation"] = "Rear admiral", ["Category"] = "Services",
        });
        await CreateContactAsync(client, "Alan Turing");

        var one = await client.Http.GetAsync($"/contacts/vcard/{id}");
        Assert.Equal("text/vcard", one.Content.Headers.ContentType!.MediaType);
        var card = await one.Content.ReadAsStringAsync();
        var lines = card.Split("\r\n");
        Assert.Equal("BEGIN:VCARD", lines[0]);
        Assert.Equal("VERSION:3.0", lines[1]);
        Assert.Contains("FN:Grace Hopper", lines);
        Assert.Contains("N:Hopper;Grace;;;", lines);
        Assert.Contains("ORG:Navy\\; Research\\, Dept", lines);
        Assert.Contains("TITLE:Rear admiral", lines);
        Assert.Contains("EMAIL;TYPE=INTERNET:grace@example.com", lines);
        Assert.Contains("ADR;TYPE=WORK:;;1 Main St\\, Arlington;;;;", lines);
        Assert.Contains("NOTE:Line one\\nLine two \\\\ end", lines);
        Assert.Contains("CATEGORIES:Services", lines);
        Assert.EndsWith("END:VCARD\r\n", card);

        var all = await client.Http.GetStringAsync("/contacts/vcards");
        Assert.Equal(2, all.Split("BEGIN:VCARD").Length - 1);
        Assert.Equal(2, all.Split("END:VCARD").Length - 1);
        Assert.True(all.IndexOf("FN:Alan Turing", StringComparison.Ordinal) < all.IndexOf("FN:Grace Hopper", StringComparison.Ordinal));
    }

    [Fact]
    public void VCard_LongLines_AreFoldedAt75Octets()
    {
        var text = FreelancerOS.Web.Features.Contacts.ContactExport.ToVCards(
            [new FreelancerOS.Web.Domain.Contact { Id = 1, Name = "N", Notes = new string('é', 100) }]);
        var lines = text.Split("\r\n");
        Assert.All(lines, l => Assert.True(System.Text.Encoding.UTF8.GetByteCount(l) <= 75, l));
        var note = string.Concat(lines.SkipWhile(l => !l.StartsWith("NOTE:")).TakeWhile(l => l.StartsWith("NOTE:") || l.StartsWith(' '))
            .Select((l, i) => i == 0 ? l : l[1..]));
        Assert.Equal("NOTE:" + new string('é', 100), note);
    }

    [Fact]
    public async Task DeleteContactWithMeetings_KeepsTheMeetings_WithoutThatAttendee()
    {
        var client = await app.SignedInClientAsync();
        var id = await CreateContactAsync(client, "Leaving Person");
        var meeting = await Calendar.CalendarSteps.CreateMeetingAsync(client, "Review", "2026-11-25T10:00", "2026-11-25T11:00",
            new Dictionary<string, string> { ["ContactIds"] = id.ToString() });
        Assert.Contains("Review", (await client.GetPageAsync($"/contacts/details/{id}")).QuerySelector("[data-role=attendee-meetings]")!.TextContent);

        var confirm = await client.GetPageAsync($"/contacts/delete/{id}");
        Assert.Equal(HttpStatusCode.Redirect, (await client.SubmitAsync(confirm, $"form[action='/contacts/delete/{id}']")).StatusCode);
        var details = await client.GetPageAsync($"/calendar/details/{meeting}");
        Assert.DoesNotContain("Leaving Person", details.QuerySelector("#attendees-title")!.ParentElement!.TextContent);
        Assert.Contains("No attendees recorded", details.QuerySelector("#attendees-title")!.ParentElement!.TextContent);
    }
}
