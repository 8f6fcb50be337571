using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class ProjectMonthHours : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ProjectMonthHours",
                columns: table => new
                {
                    Id = table.Column<int>(type: "int", nullable: false)
                        .Annotation("SqlServer:Identity", "1, 1"),
                    OwnerId = table.Column<string>(type: "nvarchar(450)", maxLength: 450, nullable: false),
                    ProjectId = table.Column<int>(type: "int", nullable: false),
                    Period = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false),
                    HourUnits = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMonthHours", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectMonthHours_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Invoices_Reports_ClientSubtotals",
                table: "Invoices",
                columns: new[] { "OwnerId", "Status", "IssueDate", "ClientId", "Currency", "Subtotal" });

            migrationBuilder.CreateIndex(
                name: "IX_InvoiceLines_Reports_ProjectAmounts",
                table: "InvoiceLines",
                columns: new[] { "InvoiceId", "ProjectId", "Amount" },
                filter: "[ProjectId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthHours_OwnerId_Period_ProjectId",
                table: "ProjectMonthHours",
                columns: new[] { "OwnerId", "Period", "ProjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthHours_OwnerId_Period_ProjectId_HourUnits",
                table: "ProjectMonthHours",
                columns: new[] { "OwnerId", "Period", "ProjectId", "HourUnits" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthHours_ProjectId",
                table: "ProjectMonthHours",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ProjectMonthHours");

            migrationBuilder.DropIndex(
                name: "IX_Invoices_Reports_ClientSubtotals",
                table: "Invoices");

            migrationBuilder.DropIndex(
                name: "IX_InvoiceLines_Reports_ProjectAmounts",
                table: "InvoiceLines");
        }
    }
}
