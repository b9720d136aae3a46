/**
 * A small corpus where "bồi thường" and "đền bù" are written around the same words (each sentence appears with one
 * and then the other), next to sentences about a party congress and office hours that share none of those contexts:
 * enough for term vectors learned from it to tie the two words together.
 */
const COMPENSATION_FRAMES = [
  'Hội đồng xét duyệt phương án WORD giải phóng mặt bằng dự án đường ven sông.',
  'Người dân đồng thuận với mức WORD khi Nhà nước thu hồi đất nông nghiệp.',
  'Ủy ban công khai danh sách hộ được WORD và hỗ trợ tái định cư.',
  'Tiền WORD được chi trả cho các hộ có đất bị thu hồi trước ngày 30/6.',
  'Các hộ chưa nhận tiền WORD được mời lên trụ sở để đối chiếu hồ sơ đất.',
];

const OTHER_SENTENCES = [
  'Đại hội bầu Ban Chấp hành Đảng bộ nhiệm kỳ 2025 - 2030 gồm 31 đồng chí.',
  'Ban Chấp hành bầu Ban Thường vụ và Bí thư Đảng ủy tại phiên họp thứ nhất.',
  'Đại hội thông qua nghị quyết với các chỉ tiêu phát triển kinh tế xã hội.',
  'Bộ phận một cửa tiếp nhận hồ sơ từ thứ Hai đến thứ Sáu trong giờ hành chính.',
  'Lịch tiếp công dân được niêm yết công khai tại trụ sở Ủy ban.',
  'Ban Chấp hành họp thường kỳ để đánh giá kết quả lãnh đạo của Đảng ủy.',
];

/** The texts, one per sentence, in a fixed order. */
export const COMPENSATION_CORPUS: readonly string[] = [
  ...COMPENSATION_FRAMES.flatMap((frame) => [frame.replace('WORD', 'bồi thường'), frame.replace('WORD', 'đền bù')]),
  ...OTHER_SENTENCES,
  ...OTHER_SENTENCES.map((sentence) => sentence.replace('Đảng', 'Đảng bộ xã')),
];
