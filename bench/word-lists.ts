/**
 * Word lists the synthetic corpus is built from: city and province names, syllables of ward and commune names, and the
 * parts of officials' names, as Vietnamese news writes them (NFC).
 */

/** A city or province that wards and communes belong to. */
export interface CityInfo {
  /** As written after `TP`/`tỉnh`, e.g. `Hải Phòng`. */
  name: string;
  kind: 'TP' | 'tỉnh';
  /** Host of its portal, for plausible source URLs. */
  domain: string;
}

/** Cities and provinces of the synthetic corpus (names as of the 2025 reorganisation). */
export const CITIES: readonly CityInfo[] = [
  { name: 'Hải Phòng', kind: 'TP', domain: 'haiphong.gov.vn' },
  { name: 'Hà Nội', kind: 'TP', domain: 'hanoi.gov.vn' },
  { name: 'Hồ Chí Minh', kind: 'TP', domain: 'hochiminhcity.gov.vn' },
  { name: 'Đà Nẵng', kind: 'TP', domain: 'danang.gov.vn' },
  { name: 'Huế', kind: 'TP', domain: 'hue.gov.vn' },
  { name: 'Cần Thơ', kind: 'TP', domain: 'cantho.gov.vn' },
  { name: 'Thanh Hóa', kind: 'tỉnh', domain: 'thanhhoa.gov.vn' },
  { name: 'Nghệ An', kind: 'tỉnh', domain: 'nghean.gov.vn' },
  { name: 'Quảng Ninh', kind: 'tỉnh', domain: 'quangninh.gov.vn' },
  { name: 'Bắc Ninh', kind: 'tỉnh', domain: 'bacninh.gov.vn' },
  { name: 'Hưng Yên', kind: 'tỉnh', domain: 'hungyen.gov.vn' },
  { name: 'Ninh Bình', kind: 'tỉnh', domain: 'ninhbinh.gov.vn' },
  { name: 'Đồng Nai', kind: 'tỉnh', domain: 'dongnai.gov.vn' },
  { name: 'Lâm Đồng', kind: 'tỉnh', domain: 'lamdong.gov.vn' },
  { name: 'Khánh Hòa', kind: 'tỉnh', domain: 'khanhhoa.gov.vn' },
  { name: 'An Giang', kind: 'tỉnh', domain: 'angiang.gov.vn' },
  { name: 'Gia Lai', kind: 'tỉnh', domain: 'gialai.gov.vn' },
  { name: 'Đắk Lắk', kind: 'tỉnh', domain: 'daklak.gov.vn' },
];

/** First syllables of ward and commune names. */
export const PLACE_FIRST_SYLLABLES: readonly string[] = (
  'An Bình Hòa Phú Tân Long Vĩnh Mỹ Phước Thạnh Hưng Quang Đông Tây Bắc Xuân Hồng Kim Ngọc Đức Nghĩa Cát Gia Hải ' +
  'Sơn Thanh Minh Trung Lạc Yên Thái Định Thuận Lộc Khánh Hiệp Thượng Hạ Hoàng Cẩm Diên Hiền Kinh Thạch Phong Hạc ' +
  'Quảng Tiên Vạn Bảo Thọ Lê Trường Châu Đại Nhân'
).split(' ');

/** Second syllables of ward and commune names. */
export const PLACE_SECOND_SYLLABLES: readonly string[] = (
  'Hải Bình Hòa Lợi Lộc Thịnh Hưng Phong Thành Sơn Lâm Khê Xuân Phú Trung Tiến Thắng Lập Cường Mỹ Hiệp Định Thủy ' +
  'Đông Tây Nam Bắc Hà Giang Hồ Quan Khôi Môn Lão Quý Lạc Phước Long An Tân Yên Vinh Đức Nghĩa Thái Hạnh Điền ' +
  'Uyên Dương Châu Ninh Hậu Thọ Chánh Đạt'
).split(' ');

/** Family names, repeated roughly in proportion to how common they are. */
export const SURNAMES: readonly string[] = (
  'Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Nguyễn Trần Trần Trần Lê Lê Lê Phạm Phạm Hoàng Hoàng Huỳnh Phan ' +
  'Vũ Vũ Võ Đặng Bùi Bùi Đỗ Đỗ Hồ Ngô Dương Lý Đinh Đoàn Lương Trịnh Chu Mai Cao Lâm Tô Tạ Đào Trương Quách Lưu Phùng'
).split(' ');

/** Middle names of men. */
export const MALE_MIDDLE_NAMES: readonly string[] = 'Văn Văn Văn Đức Minh Hữu Quang Thanh Xuân Công Đình Trọng Thế Hải Tiến Anh Mạnh Quốc Việt Ngọc'.split(' ');

/** Middle names of women. */
export const FEMALE_MIDDLE_NAMES: readonly string[] = 'Thị Thị Thị Thị Thu Thanh Ngọc Minh Hồng Kim Phương'.split(' ');

/** Given names of men. */
export const MALE_GIVEN_NAMES: readonly string[] = (
  'Anh Quân Hùng Dũng Tuấn Hạnh Đông Đại Phú Lập Cương Phụng Hiên Hiệu Quang Long Bình Sơn Hải Hòa Thắng Cường ' +
  'Khoa Phong Vinh Thịnh Huy Khánh Lực Tùng Tâm Thành Trung Nghĩa Hiếu Tài Đạt Kiên'
).split(' ');

/** Given names of women. */
export const FEMALE_GIVEN_NAMES: readonly string[] = 'Thanh Lan Hương Thảo Hoa Mai Linh Nga Yến Hà Hằng Vân Dung Huyền Trang Nhung Loan'.split(' ');

/** Streets named after historical figures, found in most cities. */
export const STREET_NAMES: readonly string[] = [
  'Lê Lợi', 'Trần Hưng Đạo', 'Nguyễn Huệ', 'Quang Trung', 'Hai Bà Trưng', 'Lý Thường Kiệt', 'Nguyễn Trãi', 'Lê Lai',
  'Phan Chu Trinh', 'Hùng Vương', 'Điện Biên Phủ', 'Trần Phú', 'Bà Triệu', 'Nguyễn Hoàng', 'Lê Thánh Tông',
  'Phan Bội Châu', 'Nguyễn Du', 'Ngô Quyền', 'Lạch Tray', 'Tô Hiệu', 'Lê Duẩn', 'Nguyễn Văn Cừ', 'Võ Nguyên Giáp',
];

/** How streets are called. */
export const STREET_KINDS: readonly string[] = ['đường', 'đường', 'phố', 'Đại lộ'];
