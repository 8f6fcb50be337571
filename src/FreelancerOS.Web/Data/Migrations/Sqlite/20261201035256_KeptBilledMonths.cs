using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FreelancerOS.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class KeptBilledMonths : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ClientMonthBilled",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ClientId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    SubtotalUnits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ClientMonthBilled", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ClientMonthBilled_Clients_ClientId",
                        column: x => x.ClientId,
                        principalTable: "Clients",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ProjectMonthBilled",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OwnerId = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    ProjectId = table.Column<int>(type: "INTEGER", nullable: false),
                    Period = table.Column<int>(type: "INTEGER", nullable: false),
                    Currency = table.Column<string>(type: "TEXT", maxLength: 3, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    AmountUnits = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ProjectMonthBilled", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ProjectMonthBilled_Projects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "Projects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_ClientId",
                table: "ClientMonthBilled",
                column: "ClientId");

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_OwnerId_Period_ClientId_Currency",
                table: "ClientMonthBilled",
                columns: new[] { "OwnerId", "Period", "ClientId", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ClientMonthBilled_OwnerId_Period_ClientId_Currency_SubtotalUnits",
                table: "ClientMonthBilled",
                columns: new[] { "OwnerId", "Period", "ClientId", "Currency", "SubtotalUnits" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthBilled_OwnerId_Period_ProjectId_Currency",
                table: "ProjectMonthBilled",
                columns: new[] { "OwnerId", "Period", "ProjectId", "Currency" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthBilled_OwnerId_Period_ProjectId_Currency_AmountUnits",
                table: "ProjectMonthBilled",
                columns: new[] { "OwnerId", "Period", "ProjectId", "Currency", "AmountUnits" });

            migrationBuilder.CreateIndex(
                name: "IX_ProjectMonthBilled_ProjectId",
                table: "ProjectMonthBilled",
                column: "ProjectId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ClientMonthBilled");

            migrationBuilder.DropTable(
                name: "ProjectMonthBilled");
        }
    }
}
