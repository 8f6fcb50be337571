using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class InvoiceDueDateIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Invoices_OwnerId_DueDate",
                table: "Invoices",
                columns: new[] { "OwnerId", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Invoices_OwnerId_DueDate",
                table: "Invoices");
        }
    }
}
