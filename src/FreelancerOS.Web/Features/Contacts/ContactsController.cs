using System.Text;
using FreelancerOS.Web.Data;
using FreelancerOS.Web.Domain;
using FreelancerOS.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace FreelancerOS.Web.Features.Contacts;

public sealed class ContactsController(AppDbContext db) : Controller
{
    private static readonly SortColumns<Contact> Sorts = new SortColumns<Contact>(c => c.Id)
        .Add("name", c => c.Name).Add("designation", c => c.Designation).Add("company", c => c.Company)
        .Add("category", c => c.Category).Add("email", c => c.Email).Add("phone", c => c.Phone);

    [HttpGet]
    public async Task<IActionResult> Index(string? q, string? category, string? sort, string? dir, int? size, int page = 1)
    {
        var rows = await Sorts.Apply(Filter(q, category), Sorts.Parse(sort, dir), x => x.OrderBy(c => c.Name).ThenBy(c => c.Id))
            .Select(c => new ContactListRow(c.Id, c.Name, c.Designation, c.Company, c.Category, c.Email, c.Phone))
            .ToPagedAsync(page, Paging.Size(size));
        return View(new ContactList(rows, q, category, await CategoryChoicesAsync()));
    }

    [HttpGet]
    public async Task<IActionResult> Details(int id)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        return contact is null ? NotFound() : View(contact);
    }

    [HttpGet]
    public async Task<IActionResult> Create() => View(new ContactForm { CategoryChoices = await CategoryChoicesAsync() });

    [HttpPost]
    public async Task<IActionResult> Create(ContactForm form)
    {
        if (!ModelState.IsValid) return await FormView(form);
        var contact = new Contact();
        form.ApplyTo(contact);
        db.Contacts.Add(contact);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{contact.Name} was added to your contacts.";
        return RedirectToAction(nameof(Details), new { id = contact.Id });
    }

    [HttpGet]
    public async Task<IActionResult> Edit(int id)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (contact is null) return NotFound();
        var form = ContactForm.From(contact);
        form.CategoryChoices = await CategoryChoicesAsync();
        return View(form);
    }

    [HttpPost]
    public async Task<IActionResult> Edit(int id, ContactForm form)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id);
        if (contact is null) return NotFound();
        if (!ModelState.IsValid) return await FormView(form);
        db.Entry(contact).Property(c => c.Version).OriginalValue = form.Version;
        form.ApplyTo(contact);
        try
        {
            await db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            ModelState.AddModelError("", "This contact was changed in another tab or window since you opened this form. " +
                                         "Reload the page to see the current details, then make your change again.");
            return await FormView(form);
        }
        TempData["Flash"] = "Contact saved.";
        return RedirectToAction(nameof(Details), new { id });
    }

    [HttpGet]
    public async Task<IActionResult> Delete(int id)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        return contact is null ? NotFound() : View(contact);
    }

    [HttpPost, ActionName("Delete")]
    public async Task<IActionResult> DeleteConfirmed(int id)
    {
        var contact = await db.Contacts.SingleOrDefaultAsync(c => c.Id == id);
        if (contact is null) return NotFound();
        // Its meetings stay; only its place among their attendees goes (the join rows cascade).
        db.Contacts.Remove(contact);
        await db.SaveChangesAsync();
        TempData["Flash"] = $"{contact.Name} was deleted.";
        return RedirectToAction(nameof(Index));
    }

    [HttpGet]
    public async Task<IActionResult> ExportCsv(string? q, string? category)
    {
        var contacts = await Filter(q, category).OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync();
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(ContactExport.ToCsv(contacts))).ToArray(),
            "text/csv; charset=utf-8", "contacts.csv");
    }

    [HttpGet]
    public async Task<IActionResult> VCards(string? q, string? category)
    {
        var contacts = await Filter(q, category).OrderBy(c => c.Name).ThenBy(c => c.Id).ToListAsync();
        return File(Encoding.UTF8.GetBytes(ContactExport.ToVCards(contacts)), "text/vcard; charset=utf-8", "contacts.vcf");
    }

    [HttpGet]
    public async Task<IActionResult> VCard(int id)
    {
        var contact = await db.Contacts.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id);
        if (contact is null) return NotFound();
        return File(Encoding.UTF8.GetBytes(ContactExport.ToVCards([contact])), "text/vcard; charset=utf-8", $"contact-{id}.vcf");
    }

    private IQueryable<Contact> Filter(string? q, string? category)
    {
        var query = db.Contacts.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(q))
        {
            // Lower-cased on both sides: PostgreSQL's LIKE is case-sensitive, SQLite's is not.
            var text = q.Trim().ToLowerInvariant();
            query = query.Where(c => c.Name.ToLower().Contains(text) || (c.Company != null && c.Company.ToLower().Contains(text))
                                     || (c.Email != null && c.Email.ToLower().Contains(text))
                                     || (c.Designation != null && c.Designation.ToLower().Contains(text))
                                     || (c.Phone != null && c.Phone.Contains(text)));
        }
        if (!string.IsNullOrWhiteSpace(category)) query = query.Where(c => c.Category == category.Trim());
        return query;
    }

    private async Task<IReadOnlyList<string>> CategoryChoicesAsync()
    {
        var used = await db.Contacts.AsNoTracking().Where(c => c.Category != null)
            .Select(c => c.Category!).Distinct().OrderBy(c => c).Take(200).ToListAsync();
        return Contact.BuiltInCategories.Concat(used).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
    }

    private async Task<IActionResult> FormView(ContactForm form)
    {
        form.CategoryChoices = await CategoryChoicesAsync();
        return View(form);
    }
}
